import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DIST, REPO_ROOT } from '../paths';

// `sagemaker-scaling schedule`, run from the bundled CLI as a user runs it.

const CLI = join(DIST, 'cli.js');
const AFTER = ['--after', '2026-11-28T12:00:00Z'];

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'schedule', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Finding {
  code: string;
  severity: string;
  message: string;
  column: number;
  endColumn: number;
  on?: string;
}

describe('sagemaker-scaling schedule', () => {
  it('prints the schedule in words and its next five runs in its zone and in UTC', () => {
    const r = run('cron(0 8 ? * MON-FRI *)', '--timezone', 'Europe/Berlin', ...AFTER);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'cron(0 8 ? * MON-FRI *): at 08:00 on Monday to Friday, Europe/Berlin',
        'Next 5 runs after Sat 2026-11-28 12:00 UTC:',
        '  Europe/Berlin                 UTC',
        '  Mon 2026-11-30 08:00 +01:00   Mon 2026-11-30 07:00 UTC',
        '  Tue 2026-12-01 08:00 +01:00   Tue 2026-12-01 07:00 UTC',
        '  Wed 2026-12-02 08:00 +01:00   Wed 2026-12-02 07:00 UTC',
        '  Thu 2026-12-03 08:00 +01:00   Thu 2026-12-03 07:00 UTC',
        '  Fri 2026-12-04 08:00 +01:00   Fri 2026-12-04 07:00 UTC',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with ISO-8601 runs carrying their offset', () => {
    const r = run('cron(0 8 ? * MON-FRI *)', '--timezone', 'America/New_York', '-n', '2', '--format', 'json', ...AFTER);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      expression: 'cron(0 8 ? * MON-FRI *)',
      timezone: 'America/New_York',
      description: 'at 08:00 on Monday to Friday, America/New_York',
      runs: ['2026-11-30T08:00:00-05:00', '2026-12-01T08:00:00-05:00'],
    });
  });

  it('reads the times in UTC without --timezone, and honours --start and --end', () => {
    const r = run(
      'rate(1 day)',
      '--start',
      '2027-01-01T06:00:00Z',
      '--end',
      '2027-01-03T06:00:00Z',
      '--format',
      'json',
      ...AFTER,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { timezone: string; runs: string[] };
    assert.equal(out.timezone, 'UTC');
    assert.deepEqual(out.runs, ['2027-01-01T06:00:00+00:00', '2027-01-02T06:00:00+00:00', '2027-01-03T06:00:00+00:00']);
  });

  it('defaults --after to now: an at() a year ahead has exactly one run', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const r = run(`at(${nextYear}-06-01T08:00:00)`, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { runs: string[] }).runs, [`${nextYear}-06-01T08:00:00+00:00`]);
  });

  it('prints the findings with a caret under the offending field, exit 1', () => {
    const r = run('cron(0 16 * * MON-FRI *)', ...AFTER);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '  cron(0 16 * * MON-FRI *)');
    assert.equal(lines[1], '            ^');
    assert.match(lines[2]!, /^error cron\.dom-dow-question: Day-of-month `\*` and day-of-week `MON-FRI` are both set/);
  });

  it('gives the findings as JSON with columns within the expression', () => {
    const r = run('cron(0 8 * * 1-5)', '--format', 'json', ...AFTER);
    assert.equal(r.code, 1);
    const { findings } = JSON.parse(r.stdout) as { findings: Finding[] };
    assert.deepEqual(
      findings.map(({ code, severity, column, endColumn }) => ({ code, severity, column, endColumn })),
      [{ code: 'cron.field-count', severity: 'error', column: 6, endColumn: 17 }],
    );
    assert.match(findings[0]!.message, /did you mean `cron\(0 8 \? \* MON-FRI \*\)`/);
  });

  it('reports an unknown zone as a finding on --timezone, exit 1', () => {
    const r = run('cron(0 8 * * ? *)', '--timezone', 'Europe/Berln', '--format', 'json', ...AFTER);
    assert.equal(r.code, 1);
    assert.deepEqual((JSON.parse(r.stdout) as { findings: Finding[] }).findings, [
      {
        code: 'tz.valid',
        severity: 'error',
        message: 'Unknown time zone `Europe/Berln`; did you mean `Europe/Berlin`?',
        column: 1,
        endColumn: 13,
        on: '--timezone',
      },
    ]);
  });

  it('runs with warnings: prints the runs, the warnings on stderr, exit 0', () => {
    const r = run('cron(30 2 ? * SUN *)', '--timezone', 'Europe/Berlin', '-n', '1', ...AFTER);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Sun 2026-11-29 02:30 \+01:00 {3}Sun 2026-11-29 01:30 UTC/);
    assert.match(r.stderr, /warning tz\.dst-gap: On 2027-03-28 the clocks in Europe\/Berlin jump from 02:00 to 03:00/);
    const json = JSON.parse(
      run('cron(30 2 ? * SUN *)', '--timezone', 'Europe/Berlin', '-n', '1', '--format', 'json', ...AFTER).stdout,
    ) as { warnings: Finding[] };
    assert.deepEqual(
      json.warnings.map((w) => [w.code, w.column, w.endColumn]),
      [
        ['tz.dst-gap', 6, 10],
        ['tz.dst-gap', 6, 10],
      ],
    );
  });

  it('says when no run is left', () => {
    const r = run('at(2026-01-01T08:00:00)', ...AFTER);
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^at\(2026-01-01T08:00:00\): once, at 2026-01-01 08:00 UTC\nNo run after Sat 2026-11-28 12:00 UTC\.\n$/,
    );
    assert.match(r.stderr, /warning at\.past:/);
  });

  for (const [what, args, message] of [
    ['a bad --after', ['cron(0 8 * * ? *)', '--after', 'tomorrow'], /--after takes an ISO-8601 time/],
    [
      'an impossible --end',
      ['cron(0 8 * * ? *)', '--end', '2027-02-30T00:00:00Z'],
      /--end "2027-02-30T00:00:00Z" is not a real time: 2027-02 has only 28 days/,
    ],
    ['-n 0', ['cron(0 8 * * ? *)', '-n', '0'], /-n takes a whole number from 1 to 1000, not "0"/],
    ['-n 1001', ['cron(0 8 * * ? *)', '-n', '1001'], /-n takes a whole number from 1 to 1000/],
    ['-n 2.5', ['cron(0 8 * * ? *)', '-n', '2.5'], /-n takes a whole number/],
    ['a bad --format', ['cron(0 8 * * ? *)', '--format', 'yaml'], /--format takes text or json/],
    ['no expression', [], /schedule needs an expression/],
    ['an unknown option', ['cron(0 8 * * ? *)', '--zone', 'UTC'], /Unknown option '--zone'/],
  ] as const) {
    it(`exits 2 on ${what}`, () => {
      const r = run(...args);
      assert.equal(r.code, 2, r.stdout);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Run sagemaker-scaling --help for usage\./);
    });
  }

  it('is in the usage text', () => {
    const r = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.match(r.stdout, /schedule '<expression>' \[--timezone ZONE\]/);
  });
});
