import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { DIST, EXAMPLES, REPO_ROOT } from '../paths';

// lint --format sarif and --format github, read back as their readers read them: the SARIF
// log against the SARIF 2.1.0 schema (OASIS's, as @microsoft/jest-sarif ships it), the
// workflow commands by GitHub's grammar.

const CLI = join(DIST, 'cli.js');

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The SARIF 2.1.0 schema (draft-04; its one pattern that is not valid under the `u` flag needs unicodeRegExp off). */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(REPO_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const BAD = `{
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 10,
      "MaxCapacity": 2
    }
  ]
}
`;

describe('lint --format sarif and github', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-formats-'));
    writeFileSync(join(dir, 'bad file, 100%.scaling.json'), BAD);
    writeFileSync(join(dir, 'syntax.scaling.json'), '{ "ScalableTargets": [ { "MinCapacity": 1, } ');
    writeFileSync(join(dir, 'warn.scaling.json'), BAD.replace('"MinCapacity": 10', '"MinCapacity": 2'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a SARIF 2.1.0 log the schema accepts, with the results, their rules and help links', () => {
    const r = run(dir, 'lint', '--format', 'sarif', '.');
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout) as Log;
    const validate = sarifValidator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
    const run0 = log.runs[0]!;
    const rules = run0.tool.driver.rules!;
    const result = run0.results!.find((x) => x.ruleId === 'target.min-le-max')!;
    assert.ok(result, 'the semantic error is a result');
    assert.equal(result.level, 'error');
    assert.match(result.message.text!, /MinCapacity 10 is greater than MaxCapacity 2/);
    const location = result.locations![0]!.physicalLocation!;
    assert.deepEqual(location.artifactLocation, {
      uri: 'bad%20file,%20100%25.scaling.json',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(location.region, { startLine: 7, startColumn: 22, endLine: 7, endColumn: 24 });
    const rule = rules[result.ruleIndex!]!;
    assert.equal(rule.id, 'target.min-le-max');
    assert.match(rule.helpUri!, /\/docs\/rules\/target\.min-le-max\.md$/);
    assert.ok(rule.shortDescription?.text && rule.help?.markdown, 'rule metadata with help');
    assert.equal(rule.defaultConfiguration?.level, 'error');
    // The first two layers' codes are rules too, so every result's ruleIndex resolves.
    const syntax = run0.results!.find((x) => x.ruleId === 'json.syntax')!;
    assert.equal(rules[syntax.ruleIndex!]!.id, 'json.syntax');
    for (const x of run0.results!) assert.equal(rules[x.ruleIndex!]!.id, x.ruleId);
    assert.equal(run0.invocations![0]!.executionSuccessful, true);
  });

  it('a clean run is a valid SARIF log with no results; an unreadable path is a failed invocation', () => {
    const clean = run(REPO_ROOT, 'lint', '--format', 'sarif', EXAMPLES);
    assert.equal(clean.code, 0, clean.stderr);
    const log = JSON.parse(clean.stdout) as Log;
    assert.equal(sarifValidator()(log), true);
    assert.deepEqual(log.runs[0]!.results, []);

    const missing = run(dir, 'lint', '--format', 'sarif', 'nowhere.scaling.json');
    assert.equal(missing.code, 2);
    const failed = JSON.parse(missing.stdout) as Log;
    assert.equal(sarifValidator()(failed), true);
    assert.equal(failed.runs[0]!.invocations![0]!.executionSuccessful, false);
    assert.match(
      failed.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text!,
      /no such file or folder/,
    );
  });

  it('writes GitHub workflow commands, one per finding, escaped as the Actions toolkit escapes them', () => {
    const r = run(dir, 'lint', '--format', 'github', '.');
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    // ::<command> <name>=<value>,…::<message>: no raw newline, comma or colon inside a value.
    const grammar = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\n]*)(?:,[a-zA-Z]+=[^,:\n]*)*)::(.*)$/;
    for (const line of lines) assert.match(line, grammar);
    const minMax = lines.find((l) => l.includes('title=target.min-le-max'));
    assert.equal(
      minMax,
      '::error file=bad file%2C 100%25.scaling.json,line=7,col=22,endLine=7,endColumn=24,title=target.min-le-max::MinCapacity 10 is greater than MaxCapacity 2; AWS rejects this target. Lower MinCapacity or raise MaxCapacity.',
    );
    assert.ok(
      lines.some((l) => l.startsWith('::warning file=syntax.scaling.json,') && l.includes('title=json.syntax')),
      'a trailing comma is a warning annotation',
    );
    assert.match(r.stderr, /3 files checked: /, 'the summary stays on stderr');
  });
});
