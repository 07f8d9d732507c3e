import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCalls } from '../aws/liveReads';
import { isKnownRegion } from '../aws/regions';
import { CLI, cleanEnv, runCli, TEST_KEYS, type CliRun } from '../test/aws/cliProcess';
import { startFaultProxy, type FaultProxy } from '../test/aws/faultProxy';
import { MOTO_REGIONS, motoAvailable, seedEndpoint, startMoto, testClients, type Moto } from '../test/aws/moto';
import { scalingFile, target } from '../test/aws/scalingFiles';
import { median } from './stats';

// npm run bench:fleet — a fleet against moto_server: 50 endpoints, each with a scalable
// target, one target-tracking policy and two scheduled actions, driven through the CLI as CI
// drives it. Prints, never asserts (docs/performance.md has the figures):
//  - the AWS calls of one `plan`, by API, of the new file and of the file once applied;
//  - `apply --yes` of the whole file, wall time, one target at a time vs several, medians;
//  - the same through test/aws/faultProxy.ts answering the first writes with throttling;
//  - the calls a 500-target plan would send, by calculation.
// `--cli <path>` measures another build of the CLI (an older dist/cli.js) for the plan's calls;
// `--throttled` runs the throttled applies alone. FLEET_RUNS sets the runs per figure (5).

const ENDPOINTS = 50;
const RUNS = Number(process.env.FLEET_RUNS ?? 5);
const ONLY_THROTTLED = process.argv.includes('--throttled');
let nextRegion = 0;

// The writes' rate limit for the throttled runs: a token bucket over the three write APIs,
// well below what apply sends against moto unthrottled (about 200 writes a second).
const RATE = {
  operations: ['RegisterScalableTarget', 'PutScalingPolicy', 'PutScheduledAction'],
  perSecond: 40,
  burst: 20,
};

/** A build of the CLI (`cli`) run in `cwd` against `region`, with test credentials and nothing of the machine's AWS settings. */
function runFleetCli(cli: string, args: string[], cwd: string, region: string): Promise<CliRun> {
  const env = cleanEnv(cwd, {
    ...TEST_KEYS,
    AWS_REGION: region,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  return runCli(args, { cli, cwd, env });
}

/** `aws: Operation region …` lines of --verbose, counted by operation. */
function callsByOperation(stderr: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of stderr.split('\n')) {
    const m = /^aws: (\w+) /.exec(line);
    if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A fresh region with the fleet's endpoints, and the fleet's file in a folder of its own. */
async function fleet(moto: Moto): Promise<{ region: string; dir: string; file: string }> {
  // Each fleet in a region of its own: a region used before would hold the fleet applied already.
  const region = MOTO_REGIONS[nextRegion++];
  if (!region) throw new Error(`bench:fleet has ${MOTO_REGIONS.length} regions: lower FLEET_RUNS`);
  if (!isKnownRegion(region)) throw new Error(`${region} is not a region the AWS SDK knows`);
  const clients = await testClients(moto.endpoint, region);
  const names = Array.from({ length: ENDPOINTS }, (_, i) => `fleet-${String(i).padStart(2, '0')}`);
  try {
    for (const name of names) await seedEndpoint(clients, name);
  } finally {
    clients.destroy();
  }
  const dir = mkdtempSync(join(tmpdir(), 'scaling-fleet-bench-'));
  const file = 'fleet.scaling.json';
  writeFileSync(
    join(dir, file),
    scalingFile(
      region,
      names.map((endpoint) => target({ endpoint, noStep: true })),
    ),
  );
  return { region, dir, file };
}

async function main(): Promise<void> {
  // The bench's own seeding clients would print the SDK's Node 20 banner (the CLI turns it off itself).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (!motoAvailable()) {
    console.error('bench:fleet needs moto_server on PATH (pip install "moto[server]")');
    process.exit(2);
  }
  const argv = process.argv.slice(2);
  const other = argv.includes('--cli') ? argv[argv.indexOf('--cli') + 1] : undefined;
  const moto = await startMoto();
  let proxy: FaultProxy | undefined;
  const folders: string[] = [];
  try {
    // The calls of one plan, of the new file and once applied.
    const planCalls = async (command: string) => {
      const f = await fleet(moto);
      folders.push(f.dir);
      const args = (extra: string[]) => ['plan', f.file, '--verbose', '--endpoint-url', moto.endpoint, ...extra];
      const fresh = callsByOperation((await runFleetCli(command, args([]), f.dir, f.region)).stderr);
      const applied = await runFleetCli(
        CLI,
        ['apply', f.file, '--yes', '--endpoint-url', moto.endpoint],
        f.dir,
        f.region,
      );
      if (applied.code !== 0) throw new Error(`apply failed: ${applied.stderr}`);
      const inSync = await runFleetCli(command, args([]), f.dir, f.region);
      if (inSync.code !== 0) throw new Error(`plan after apply: exit ${inSync.code}: ${inSync.stderr.slice(-500)}`);
      return { fresh, inSync: callsByOperation(inSync.stderr) };
    };
    if (!ONLY_THROTTLED) {
      const after = await planCalls(CLI);
      console.log(`plan of ${ENDPOINTS} targets (1 policy, 2 scheduled actions each), calls by API:`);
      if (other) {
        const before = await planCalls(other);
        console.log(`  before (${other}): new file ${total(before.fresh)}, in sync ${total(before.inSync)}`);
        console.log(`    new file: ${JSON.stringify(before.fresh)}`);
        console.log(`    in sync:  ${JSON.stringify(before.inSync)}`);
      }
      console.log(`  after: new file ${total(after.fresh)}, in sync ${total(after.inSync)}`);
      console.log(`    new file: ${JSON.stringify(after.fresh)}`);
      console.log(`    in sync:  ${JSON.stringify(after.inSync)}`);
    }

    // apply of the whole file, wall time; each run in a fresh region.
    proxy = await startFaultProxy(moto.endpoint);
    const applyMs = async (concurrency: number, throttled: boolean) => {
      const times: number[] = [];
      let throttles = 0;
      let failures = 0;
      for (let i = 0; i < RUNS; i++) {
        const f = await fleet(moto);
        folders.push(f.dir);
        proxy!.clear();
        proxy!.seen.length = 0;
        if (throttled) proxy!.limitRate(RATE);
        const r = await runFleetCli(
          CLI,
          [
            'apply',
            f.file,
            '--yes',
            '--max-concurrency',
            String(concurrency),
            '--endpoint-url',
            throttled ? proxy!.endpoint : moto.endpoint,
          ],
          f.dir,
          f.region,
        );
        // A run that gave up (retries exhausted) is counted, not timed.
        if (r.code !== 0) failures++;
        else times.push(r.ms);
        throttles += proxy!.seen.filter((s) => s.outcome === 'throttle').length;
      }
      return {
        median: times.length ? Math.round(median(times)) : NaN,
        runs: times.map(Math.round),
        throttles: Math.round(throttles / RUNS),
        failures,
      };
    };
    const changes = ENDPOINTS * 4;
    console.log(`apply of the whole file (${changes} changes), wall time of the CLI, median of ${RUNS}:`);
    for (const throttled of ONLY_THROTTLED ? [true] : [false, true]) {
      const rows: string[] = [];
      for (const concurrency of [1, 4, 8]) {
        const m = await applyMs(concurrency, throttled);
        rows.push(
          `--max-concurrency ${concurrency}: ${m.median} ms (${m.runs.join(', ')})${throttled ? `, ${m.throttles} throttled answers a run` : ''}${m.failures ? `, ${m.failures} of ${RUNS} runs gave up (a change failed)` : ''}`,
        );
      }
      console.log(
        `  ${throttled ? `throttled beyond ${RATE.perSecond} writes a second (burst ${RATE.burst}), the three write APIs together` : 'no faults'}:`,
      );
      for (const row of rows) console.log(`    ${row}`);
    }

    // 500 targets by calculation: targets by 50 ResourceIds a call, policies 10 and actions
    // 50 a page across the namespace; one DescribeEndpoint per endpoint and one
    // DescribeEndpointConfig per distinct configuration.
    const n = 500;
    const reads = readCalls({ policies: n, actions: 2 * n }, n);
    const targets = Math.ceil(n / 50);
    console.log(`a ${n}-target plan (1 policy, 2 actions each; the account holds just these), by calculation:`);
    console.log(
      `  before: ${targets + reads.perTarget} Application Auto Scaling (${targets} DescribeScalableTargets + ${reads.perTarget} per target) + ${2 * n} SageMaker = ${targets + reads.perTarget + 2 * n}`,
    );
    console.log(
      `  after:  ${targets + reads.namespace} Application Auto Scaling (${targets} + ${reads.namespace} pages) + ${n}–${2 * n} SageMaker (${n} DescribeEndpoint, one DescribeEndpointConfig per distinct configuration) = ${targets + reads.namespace + n}–${targets + reads.namespace + 2 * n}`,
    );
  } finally {
    await proxy?.close();
    await moto.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
