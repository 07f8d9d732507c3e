import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIST, EXAMPLES, REPO_ROOT } from '../paths';

// The bundled CLI, run as a user runs it: a child process, its exit code, stdout and stderr.

const CLI = join(DIST, 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonMessage {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const BAD_TARGET = `{
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

const WARNING_ONLY = BAD_TARGET.replace('"MinCapacity": 10', '"MinCapacity": 2').replace(
  '"MaxCapacity": 2',
  `"MaxCapacity": 2,
      "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70, "ScaleInCooldown": 300, "ScaleOutCooldown": 60,
          "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" } } } ]`,
);

/** A clean file but for its Region: a slip of the keyboard the schema's pattern lets through. */
const REGION_TYPO = `{
  "Region": "eu-centrall-1",
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 1,
      "MaxCapacity": 4,
      "ScalingPolicies": [ { "PolicyName": "p", "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70,
          "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" } } } ]
    }
  ]
}
`;

describe('sagemaker-scaling lint', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaling-cli-'));
    writeFileSync(join(dir, 'bad.scaling.json'), BAD_TARGET);
    writeFileSync(join(dir, 'warn.scaling.json'), WARNING_ONLY);
    writeFileSync(join(dir, 'syntax.scaling.json'), '{ "ScalableTargets": [ { "MinCapacity": 1, } ');
    writeFileSync(join(dir, 'typo.scaling.json'), BAD_TARGET.replace('"MinCapacity": 10', '"MinCapcity": 1'));
    writeFileSync(join(dir, 'region.scaling.json'), REGION_TYPO);
    writeFileSync(join(dir, 'china.scaling.json'), REGION_TYPO.replace('eu-centrall-1', 'cn-north-1'));
    writeFileSync(join(dir, 'latin1.scaling.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'nested', 'deeper', 'x.scaling.json'), BAD_TARGET);
    writeFileSync(join(dir, 'nested', 'ignored.json'), BAD_TARGET);
    mkdirSync(join(dir, 'empty-folder'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as the package bin (npx sagemaker-scaling executes dist/cli.js itself, not through node)', () => {
    // A fresh build must leave the file executable: esbuild writes 0644, and CI's
    // `npx sagemaker-scaling lint` then failed with "Permission denied".
    const r = spawnSync(CLI, ['lint', EXAMPLES], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.error, undefined, `could not execute ${CLI}: ${r.error?.message}`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /4 files checked: 0 errors, 0 warnings/);
  });

  it('passes the examples with exit 0', () => {
    const r = run('lint', EXAMPLES);
    assert.equal(r.stdout, '', 'no findings printed');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /4 files checked: 0 errors, 0 warnings/);
  });

  it('reports a semantic error as file:line:col severity code message, exit 1', () => {
    const file = join(dir, 'bad.scaling.json');
    const r = run('lint', file);
    assert.equal(r.code, 1);
    const line = r.stdout.split('\n').find((l) => l.includes('target.min-le-max'));
    assert.match(
      line ?? '',
      new RegExp(
        `^${file.replace(/[/.]/g, '\\$&')}:7:22 error target\\.min-le-max MinCapacity 10 is greater than MaxCapacity 2`,
      ),
    );
  });

  it('reports a Region AWS does not have, with the Region meant, without AWS access, exit 1', () => {
    const file = join(dir, 'region.scaling.json');
    const r = run('lint', file);
    assert.equal(r.code, 1, 'an error: plan and apply refuse the file');
    assert.deepEqual(
      r.stdout.trimEnd().split('\n'),
      [
        `${file}:2:13 error format.region-unknown "eu-centrall-1" is not an AWS Region: did you mean eu-central-1 (Europe (Frankfurt))? Plan and apply refuse a Region the AWS SDK of this release does not list, before any call; a Region AWS opened since needs a newer release of sagemaker-scaling.`,
      ],
      'the one finding of the file',
    );
    assert.match(r.stderr, /1 file checked: 1 error, 0 warnings, 0 information\n/);
    const china = run('lint', join(dir, 'china.scaling.json'));
    assert.equal(china.stdout, '', 'a Region of another partition is a Region');
    assert.equal(china.code, 0, china.stderr);
  });

  it('prints one JSON array with 1-based positions', () => {
    const r = run('lint', '--format', 'json', join(dir, 'bad.scaling.json'));
    assert.equal(r.code, 1);
    const messages = (JSON.parse(r.stdout) as JsonMessage[]).filter((m) => m.code === 'target.min-le-max');
    assert.deepEqual(
      messages.map((m) => ({ ...m, message: m.message.slice(0, 12) })),
      [
        {
          file: join(dir, 'bad.scaling.json'),
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 24,
          severity: 'error',
          code: 'target.min-le-max',
          message: 'MinCapacity ',
        },
      ],
    );
  });

  it('reports syntax and schema findings as the editor would', () => {
    const syntax = JSON.parse(
      run('lint', '--format', 'json', join(dir, 'syntax.scaling.json')).stdout,
    ) as JsonMessage[];
    assert.ok(
      syntax.some((m) => m.code === 'json.syntax' && m.severity === 'error'),
      JSON.stringify(syntax),
    );
    assert.ok(
      syntax.some((m) => m.code === 'json.syntax' && m.severity === 'warning' && /trailing comma/i.test(m.message)),
      'trailing comma is a warning, as in VS Code',
    );
    const typo = JSON.parse(run('lint', '--format', 'json', join(dir, 'typo.scaling.json')).stdout) as JsonMessage[];
    const schema = typo.find((m) => m.code === 'json.schema' && /MinCapcity/.test(m.message));
    assert.ok(schema, JSON.stringify(typo));
    assert.equal(schema.line, 7);
  });

  it('searches folders recursively for *.scaling.json only', () => {
    const r = run('lint', '--format', 'json', join(dir, 'nested'));
    const files = new Set((JSON.parse(r.stdout) as JsonMessage[]).map((m) => m.file));
    assert.deepEqual([...files], [join(dir, 'nested', 'deeper', 'x.scaling.json')]);
  });

  it('fails on more warnings than --max-warnings allows', () => {
    const file = join(dir, 'warn.scaling.json');
    assert.equal(run('lint', file).code, 0, 'warnings alone pass');
    assert.equal(run('lint', '--max-warnings', '1', file).code, 0);
    const r = run('lint', '--max-warnings', '0', file);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /1 file checked: 0 errors, 1 warning, 0 information\n/);
    assert.match(
      r.stderr,
      /sagemaker-scaling lint: 1 warning, more than --max-warnings 0\n/,
      'one warning, not "1 warnings"',
    );
  });

  it('reports a file that is not UTF-8 as a finding', () => {
    const messages = JSON.parse(
      run('lint', '--format', 'json', join(dir, 'latin1.scaling.json')).stdout,
    ) as JsonMessage[];
    assert.deepEqual(
      messages.map((m) => m.code),
      ['format.encoding'],
    );
  });

  it('exits 2 with a clear message on a missing path, still linting the rest', () => {
    const r = run('lint', join(dir, 'missing.scaling.json'), join(dir, 'bad.scaling.json'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or folder: .*missing\.scaling\.json/);
    assert.match(r.stdout, /target\.min-le-max/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  it('exits 2 on an unreadable file', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, () => {
    const file = join(dir, 'locked.scaling.json');
    writeFileSync(file, BAD_TARGET);
    chmodSync(file, 0o000);
    const r = run('lint', file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read .*EACCES/);
  });

  it('exits 2 when a folder holds no scaling files', () => {
    const r = run('lint', join(dir, 'empty-folder'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no \*\.scaling\.json files found/);
  });

  it('exits 2 on bad usage, with a hint and no stack trace', () => {
    for (const args of [
      ['lint'],
      ['lint', '--format', 'xml', 'x'],
      ['lint', '--max-warnings', 'many', 'x'],
      ['lint', '--bogus', 'x'],
      ['frobnicate'],
      [],
    ]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      if (args.length) assert.match(r.stderr, /^sagemaker-scaling: .*\nRun sagemaker-scaling --help/, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('suggests the command meant for a slip of the keyboard', () => {
    for (const [typed, meant] of [
      ['lnt', 'lint'],
      ['aply', 'apply'],
      ['fecth', 'fetch'],
      ['shedule', 'schedule'],
    ]) {
      const r = run(typed!, 'x');
      assert.equal(r.code, 2, typed);
      assert.match(
        r.stderr,
        new RegExp(`^sagemaker-scaling: unknown command "${typed}": did you mean ${meant}\\?\n`),
        typed,
      );
    }
    assert.match(
      run('frobnicate').stderr,
      /^sagemaker-scaling: unknown command "frobnicate"\n/,
      'nothing near: no guess',
    );
  });

  it('prints help and version with exit 0', () => {
    assert.match(run('--help').stdout, /lint \[--format text\|json\|sarif\|github\]/);
    assert.match(run('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
