import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../core/lint/check';
import { parseDocument } from '../core/document/parse';
import { validateWithSchema } from '../core/lint/schemaValidation';
import type { TargetState } from '../core/plan/liveState';
import { chartData, parsePattern, patternLoad, simulate } from '../core/simulate';
import { LspSession } from '../test/lspClient';
import { generateScalingFile } from './generate';
import { median, percentile } from './stats';

// The budgets of docs/performance.md, measured (never asserted: this prints, CI decides):
//  - semantic rules ≤ 0.3 × vscode-json-languageservice schema validation of the same text,
//    for a typical file and a generated 2,000-target file;
//  - didChange → publishDiagnostics p95 < 15 ms for a typical file over a real LSP
//    connection; a burst of edits to a large file queues one validation;
//  - simulating 14 days at 10-second resolution for a target with three policies and four
//    scheduled actions < 0.2 s (docs/performance.md), beside a plain loop over the same ticks.
// `node dist/bench.js [--json] [--simulate]`; with --json the last line of stdout is one JSON
// object; --simulate runs the simulator's figures alone.

const RATIO_BUDGET = 0.3;
const P95_BUDGET_MS = 15;
const SIMULATION_BUDGET_MS = 200;
const NOW = new Date('2026-11-28T12:00:00Z');
const SERVER = join(__dirname, 'server.js');

interface Comparison {
  bytes: number;
  targets: number;
  iterations: number;
  semanticMedianMs: number;
  schemaMedianMs: number;
  semanticVsSchemaRatio: number;
  /** The parse alone (parseDocument), part of the semantic pass: what model + rules build on. */
  parseMedianMs: number;
}

interface LspFigures {
  roundTrips: number;
  roundTripMedianMs: number;
  roundTripP95Ms: number;
  burstEdits: number;
  burstRuns: number;
  burstPublishes: number;
  burstMs: number;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

interface CompareOptions {
  warmup: number;
  minIterations: number;
  maxIterations: number;
  /** Stop adding iterations once this much time went by (after minIterations). */
  budgetMs: number;
}

/**
 * Semantic pass vs schema validation of the same text, interleaved (A B, B A, A B, …) so
 * that machine noise and GC pressure hit both alike; the parse alone rides along, to show
 * how much of the semantic pass it is. A sample of a fast pass repeats it `batch` times so
 * timer resolution does not dominate.
 */
async function compare(text: string, targets: number, options: CompareOptions): Promise<Comparison> {
  const semantic = () => analyzeText(text, { now: NOW });
  const schema = () => validateWithSchema(text);

  for (let i = 0; i < options.warmup; i++) {
    semantic();
    await schema();
  }
  // Batch fast passes so that one semantic + schema pair of samples lasts at least ~2 ms.
  let t = performance.now();
  semantic();
  await schema();
  const batch = Math.max(1, Math.ceil(2 / Math.max(performance.now() - t, 0.001)));

  const time = (fn: () => unknown): number => {
    const start = performance.now();
    for (let b = 0; b < batch; b++) fn();
    return (performance.now() - start) / batch;
  };
  const timeSchema = async (): Promise<number> => {
    const start = performance.now();
    for (let b = 0; b < batch; b++) await schema();
    return (performance.now() - start) / batch;
  };

  const semanticMs: number[] = [];
  const schemaMs: number[] = [];
  const parseMs: number[] = [];
  t = performance.now();
  for (let i = 0; i < options.maxIterations; i++) {
    if (i % 2 === 0) {
      semanticMs.push(time(semantic));
      schemaMs.push(await timeSchema());
    } else {
      schemaMs.push(await timeSchema());
      semanticMs.push(time(semantic));
    }
    parseMs.push(time(() => parseDocument(text)));
    if (i + 1 >= options.minIterations && performance.now() - t > options.budgetMs) break;
  }
  const semanticMedianMs = median(semanticMs);
  const schemaMedianMs = median(schemaMs);
  return {
    bytes: Buffer.byteLength(text),
    targets,
    iterations: semanticMs.length * batch,
    semanticMedianMs: round(semanticMedianMs),
    schemaMedianMs: round(schemaMedianMs),
    semanticVsSchemaRatio: Math.round((semanticMedianMs / schemaMedianMs) * 1000) / 1000,
    parseMedianMs: round(median(parseMs)),
  };
}

/** The character range of the first `"<key>": <number>` value in the client's copy of the document. */
function numberRange(lsp: LspSession, uri: string, key: string) {
  const doc = lsp.document(uri);
  const text = doc.getText();
  const at = text.indexOf(`"${key}": `) + key.length + 4;
  const end = at + /^[0-9.]+/.exec(text.slice(at))![0].length;
  return { start: doc.positionAt(at), end: doc.positionAt(end) };
}

async function measureLsp(
  typical: string,
  large: string,
  roundTrips: number,
  burstEdits: number,
  burstRuns: number,
): Promise<LspFigures> {
  const typicalUri = 'file:///bench/typical.scaling.json';
  const largeUri = 'file:///bench/large.scaling.json';
  // Debounce 0 for the round trips; the large file keeps the server's default debounce.
  const lsp = await LspSession.start(SERVER, {
    settings: (scopeUri) => ({ rules: {}, validation: scopeUri === typicalUri ? { debounceMs: 0 } : {} }),
  });
  try {
    await lsp.openAndWait(typicalUri, typical);
    const times: number[] = [];
    for (let i = 0; i < roundTrips + 20; i++) {
      const version = lsp.document(typicalUri).version + 1;
      const published = lsp.publishOf(typicalUri, version);
      const start = performance.now();
      await lsp.change(typicalUri, [
        { range: numberRange(lsp, typicalUri, 'TargetValue'), text: String(50 + (i % 40)) },
      ]);
      const { receivedAt } = await published;
      if (i >= 20) times.push(receivedAt - start); // the first 20 warm up
    }

    await lsp.openAndWait(largeUri, large, 30_000);
    const burstCounts: number[] = [];
    const burstTimes: number[] = [];
    for (let run = 0; run < burstRuns; run++) {
      const from = lsp.publishes.length;
      const first = lsp.document(largeUri).version + 1;
      const last = first + burstEdits - 1;
      const published = lsp.publishOf(largeUri, last, 30_000);
      const start = performance.now();
      const sends: Promise<number>[] = [];
      for (let i = 0; i < burstEdits; i++)
        sends.push(
          lsp.change(largeUri, [
            { range: numberRange(lsp, largeUri, 'MaxCapacity'), text: String(10 + ((run * burstEdits + i) % 50)) },
          ]),
        );
      await Promise.all(sends);
      const { receivedAt } = await published;
      burstTimes.push(receivedAt - start);
      // One more edit: a validation left over from the burst would be published before this one's.
      const trailer = lsp.publishOf(largeUri, last + 1, 30_000);
      await lsp.change(largeUri, [{ range: numberRange(lsp, largeUri, 'MaxCapacity'), text: '12' }]);
      await trailer;
      burstCounts.push(
        lsp.publishes
          .slice(from)
          .filter((p) => p.uri === largeUri && p.version !== undefined && p.version >= first && p.version <= last)
          .length,
      );
    }
    return {
      roundTrips,
      roundTripMedianMs: round(median(times)),
      roundTripP95Ms: round(percentile(times, 0.95)),
      burstEdits,
      burstRuns,
      burstPublishes: Math.max(...burstCounts),
      burstMs: round(median(burstTimes)),
    };
  } finally {
    await lsp.dispose();
  }
}

interface SimulationFigures {
  days: number;
  ticks: number;
  runs: number;
  events: number;
  simulateMedianMs: number;
  /** CPU time per run (all of the process's threads), steadier than wall time on a shared machine. */
  simulateCpuMeanMs: number;
  plainLoopMedianMs: number;
  simulateVsPlainLoopRatio: number;
  /** The editor panel's part after the engine: the chart's data of the 14-day run and its message as JSON. */
  panelChartMedianMs: number;
  /** The whole of the panel's run for one day of the same load: simulate, chart data, JSON. */
  panelOneDayMedianMs: number;
}

/** The simulator's bench target: target tracking on invocations and on concurrency, a step safety net, a working-day schedule. */
function simulationTarget(): TargetState {
  const tt = (name: string, target: number, metric: string) => ({
    PolicyName: name,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: target,
      PredefinedMetricSpecification: { PredefinedMetricType: metric },
      ScaleInCooldown: 600,
      ScaleOutCooldown: 60,
    },
  });
  const action = (name: string, schedule: string, min: number) => ({
    ScheduledActionName: name,
    Schedule: schedule,
    Timezone: 'Europe/Berlin',
    ScalableTargetAction: { MinCapacity: min },
  });
  return {
    ServiceNamespace: 'sagemaker',
    ResourceId: 'endpoint/bench/variant/AllTraffic',
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    MinCapacity: 2,
    MaxCapacity: 40,
    ScalingPolicies: [
      tt('invocations', 300, 'SageMakerVariantInvocationsPerInstance'),
      tt('concurrency', 4, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
      {
        PolicyName: 'spike',
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'PercentChangeInCapacity',
          MinAdjustmentMagnitude: 2,
          StepAdjustments: [
            { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 300, ScalingAdjustment: 25 },
            { MetricIntervalLowerBound: 300, ScalingAdjustment: 50 },
          ],
          Cooldown: 120,
        },
        CloudWatchAlarm: {
          AlarmName: 'bench-ipi-spike',
          Namespace: 'AWS/SageMaker',
          MetricName: 'InvocationsPerInstance',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 2,
          DatapointsToAlarm: 2,
          Threshold: 600,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      },
    ],
    ScheduledActions: [
      action('weekday-morning', 'cron(30 7 ? * MON-FRI *)', 6),
      action('weekday-evening', 'cron(0 20 ? * MON-FRI *)', 2),
      action('saturday-sale', 'cron(0 10 ? * SAT *)', 8),
      action('saturday-close', 'cron(0 18 ? * SAT *)', 2),
    ],
  };
}

/** `simulate` over 14 days, and a plain loop reading the same ticks of the same load, interleaved. */
function measureSimulation(minIterations: number, budgetMs: number): SimulationFigures {
  const days = 14;
  const startMs = Date.UTC(2026, 6, 1);
  const durationMs = days * 86_400_000;
  const load = patternLoad(
    parsePattern(
      'daily(600, 12000, at=14:00) + spike(15000, at=100h, for=20m); concurrency: daily(4, 120, at=14:00) + spike(200, at=100h, for=20m)',
    ).columns!,
    startMs,
    durationMs,
  );
  const target = simulationTarget();
  const run = () => simulate(target, load, { startMs, durationMs });
  const values = load.columns[0]!.values;
  const ticks = values.length;
  let sink = 0;
  // The floor any per-tick simulation pays: one pass reading the load, with a little arithmetic per tick.
  const plain = () => {
    let capacity = 2;
    for (let i = 0; i < ticks; i++) {
      const demand = values[i]!;
      if (demand / capacity > 300 && capacity < 40) capacity++;
      else if (demand / capacity < 270 && capacity > 2) capacity--;
      sink += capacity;
    }
  };
  for (let i = 0; i < 3; i++) {
    run();
    plain();
  }
  const simulateMs: number[] = [];
  const plainMs: number[] = [];
  let events = 0;
  let cpuMicros = 0;
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    let t = performance.now();
    const cpu = process.cpuUsage();
    events = run().events.length;
    simulateMs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    t = performance.now();
    plain();
    plainMs.push(performance.now() - t);
    if (i + 1 >= minIterations && performance.now() - started > budgetMs) break;
  }
  if (sink === -1) console.log(sink);
  const simulateMedianMs = median(simulateMs);
  const plainLoopMedianMs = median(plainMs);
  // What the panel adds: the chart's data, and the message serialised as postMessage does.
  const result = run();
  const chartMs: number[] = [];
  const dayMs: number[] = [];
  const oneDay = () => simulate(target, load, { startMs, durationMs: 86_400_000 });
  for (let i = 0; i < Math.max(10, Math.min(50, simulateMs.length)); i++) {
    let t = performance.now();
    sink += JSON.stringify({ type: 'result', data: chartData(result) }).length;
    chartMs.push(performance.now() - t);
    t = performance.now();
    sink += JSON.stringify({ type: 'result', data: chartData(oneDay()) }).length;
    dayMs.push(performance.now() - t);
  }
  return {
    days,
    ticks,
    runs: simulateMs.length,
    events,
    simulateMedianMs: round(simulateMedianMs),
    simulateCpuMeanMs: round(cpuMicros / 1000 / simulateMs.length),
    plainLoopMedianMs: round(plainLoopMedianMs),
    simulateVsPlainLoopRatio: Math.round((simulateMedianMs / plainLoopMedianMs) * 10) / 10,
    panelChartMedianMs: round(median(chartMs)),
    panelOneDayMedianMs: round(median(dayMs)),
  };
}

function kb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

function describeComparison(name: string, c: Comparison): string[] {
  const verdict = c.semanticVsSchemaRatio <= RATIO_BUDGET ? 'within' : 'OVER';
  return [
    `${name}: ${c.targets} targets, ${kb(c.bytes)}, ${c.iterations} runs of each pass`,
    `  semantic (analyzeText)          median ${c.semanticMedianMs.toFixed(3)} ms  (of which the parse alone: ${c.parseMedianMs.toFixed(3)} ms = ${(c.parseMedianMs / c.schemaMedianMs).toFixed(2)}× schema)`,
    `  schema (json-languageservice)   median ${c.schemaMedianMs.toFixed(3)} ms`,
    `  semantic / schema               ${c.semanticVsSchemaRatio.toFixed(3)}  (budget ≤ ${RATIO_BUDGET}: ${verdict})`,
  ];
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const typicalText = generateScalingFile(3);
  const largeText = generateScalingFile(2_000);
  const started = performance.now();
  const simulationLines = (f: SimulationFigures) => [
    `simulate: ${f.days} days at 10 s (${f.ticks.toLocaleString('en-US')} ticks), 3 policies and 4 scheduled actions, ${f.events} events, ${f.runs} runs`,
    `  simulate (core/simulate)        median ${f.simulateMedianMs.toFixed(1)} ms  (budget < ${SIMULATION_BUDGET_MS} ms: ${f.simulateMedianMs < SIMULATION_BUDGET_MS ? 'within' : 'OVER'}; CPU ${f.simulateCpuMeanMs.toFixed(1)} ms per run)`,
    `  plain loop over the same ticks  median ${f.plainLoopMedianMs.toFixed(2)} ms  (simulate / plain loop ${f.simulateVsPlainLoopRatio}×)`,
    `  the panel: chart data + JSON    median ${f.panelChartMedianMs.toFixed(1)} ms for the 14 days; a whole 1-day run ${f.panelOneDayMedianMs.toFixed(1)} ms`,
  ];
  // `--simulate` measures the simulator alone (seconds instead of a minute).
  if (process.argv.includes('--simulate')) {
    const simulation = measureSimulation(15, 10_000);
    for (const line of simulationLines(simulation)) console.log(line);
    if (json) console.log(JSON.stringify({ simulation, budgets: { simulateMs: SIMULATION_BUDGET_MS } }));
    return;
  }

  const typical = await compare(typicalText, 3, {
    warmup: 200,
    minIterations: 100,
    maxIterations: 2_000,
    budgetMs: 8_000,
  });
  const large = await compare(largeText, 2_000, { warmup: 2, minIterations: 9, maxIterations: 40, budgetMs: 40_000 });
  const lsp = await measureLsp(typicalText, largeText, 200, 20, 3);
  const simulation = measureSimulation(15, 10_000);

  const lines = [
    `sagemaker-scaling bench (node ${process.version}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    ...describeComparison('typical file', typical),
    ...describeComparison('large file', large),
    `LSP over IPC (bundled dist/server.js)`,
    `  didChange → publishDiagnostics, typical file, debounce 0: median ${lsp.roundTripMedianMs.toFixed(2)} ms, p95 ${lsp.roundTripP95Ms.toFixed(2)} ms over ${lsp.roundTrips} round trips (p95 budget < ${P95_BUDGET_MS} ms: ${lsp.roundTripP95Ms < P95_BUDGET_MS ? 'within' : 'OVER'})`,
    `  burst of ${lsp.burstEdits} didChange to the large file, default debounce: ${lsp.burstPublishes} publishDiagnostics per burst at most over ${lsp.burstRuns} bursts (budget: 1), last version published after ${lsp.burstMs.toFixed(0)} ms (median)`,
    ...simulationLines(simulation),
  ];
  for (const line of lines) console.log(line);
  if (json) {
    console.log(
      JSON.stringify({
        typical,
        large,
        lsp,
        simulation,
        budgets: {
          semanticVsSchemaRatio: RATIO_BUDGET,
          roundTripP95Ms: P95_BUDGET_MS,
          burstPublishes: 1,
          simulateMs: SIMULATION_BUDGET_MS,
        },
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
