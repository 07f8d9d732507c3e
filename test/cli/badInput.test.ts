import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIST } from '../paths';

// Whatever bytes a file holds, lint answers with findings or a clear error: never a
// crash, a stack trace or a hang.

interface JsonMessage {
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

function lintJson(file: string) {
  const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'lint', '--format', 'json', file], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.signal, null, 'lint finished in time');
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, 'no crash');
  return { code: r.status, messages: JSON.parse(r.stdout) as JsonMessage[] };
}

describe('lint on bad input', () => {
  let dir: string;
  const cases: Record<string, string | Buffer> = {
    'invalid-json': '{ "ScalableTargets": [ { "MinCapacity": } ',
    empty: '',
    array: '[1, 2, 3]',
    number: '42',
    'non-utf8': Buffer.from([0xff, 0xfe, 0x7b, 0x7d, 0xc3]),
    deep: '['.repeat(100_000) + ']'.repeat(100_000),
    'nul-bytes': '{ "ScalableTargets": [] }\u0000\u0000',
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-bad-'));
    for (const [name, content] of Object.entries(cases)) writeFileSync(join(dir, `${name}.scaling.json`), content);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const expectations: Record<string, (m: JsonMessage[]) => boolean> = {
    'invalid-json': (m) => m.some((x) => x.code === 'json.syntax' && x.severity === 'error'),
    empty: (m) => m.some((x) => x.code === 'format.empty'),
    array: (m) => m.some((x) => x.code === 'json.schema' && /object/i.test(x.message)),
    number: (m) => m.some((x) => x.code === 'json.schema' && /object/i.test(x.message)),
    'non-utf8': (m) => m.some((x) => x.code === 'format.encoding'),
    deep: (m) => m.some((x) => x.severity === 'error'),
    'nul-bytes': (m) => m.some((x) => x.code === 'json.syntax'),
  };
  for (const name of Object.keys(cases)) {
    it(`answers ${name} with findings`, () => {
      const { code, messages } = lintJson(join(dir, `${name}.scaling.json`));
      assert.ok(expectations[name]!(messages), JSON.stringify(messages).slice(0, 500));
      assert.ok(code === 0 || code === 1, `exit ${code}`);
    });
  }

  it('checks a 10 MB file', () => {
    const target = (i: number) =>
      `{ "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/ep-${i}/variant/AllTraffic", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": ${i % 7 === 0 ? 9 : 1}, "MaxCapacity": 8, "ScheduledActions": [ { "ScheduledActionName": "a", "Schedule": "cron(0 8 ? * MON-FRI *)", "Timezone": "Europe/Berlin", "ScalableTargetAction": { "MinCapacity": 2 } } ] }`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const t = target(i);
      parts.push(t);
      size += t.length + 2;
    }
    const file = join(dir, 'big.scaling.json');
    writeFileSync(file, `{ "ScalableTargets": [\n${parts.join(',\n')}\n] }`);
    const { code, messages } = lintJson(file);
    assert.equal(code, 1);
    const minMax = messages.filter((m) => m.code === 'target.min-le-max');
    assert.equal(minMax.length, Math.ceil(parts.length / 7), 'one finding per seventh target');
  });

  it('plan, simulate and apply --plan name a file that is not UTF-8 and the fix, and exit 2', () => {
    const file = join(dir, 'non-utf8.scaling.json');
    for (const args of [
      ['plan', file],
      ['simulate', file, '--pattern', 'flat:5'],
      ['apply', '--plan', file, '--yes'],
    ]) {
      const r = spawnSync(process.execPath, [join(DIST, 'cli.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, args[0]);
      assert.match(
        r.stderr,
        new RegExp(`${args[0]}: .*non-utf8\\.scaling\\.json is not valid UTF-8 text: save it as UTF-8`),
      );
      assert.doesNotMatch(r.stderr, /\n\s+at |TypeError/, 'no crash');
    }
  });
});
