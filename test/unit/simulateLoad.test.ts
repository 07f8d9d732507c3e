import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_LOAD_ROWS, parseLoad, parseLoadCsv, parseLoadJson } from '../../core/simulate/load';
import { parsePattern, patternLoad } from '../../core/simulate/patterns';
import { parseDuration } from '../../core/simulate/duration';

// Load inputs: every problem names its row (the file's line) or result and column, and says how to fix it.

const T0 = Date.parse('2026-07-01T00:00:00Z');
const csv = (...lines: string[]) => lines.join('\n') + '\n';

describe('load: CSV', () => {
  it('reads timestamp + invocations + a CloudWatch metric column, with empty metric cells as missing', () => {
    const r = parseLoadCsv(
      csv(
        'timestamp,invocations,CPUUtilization',
        '2026-07-01T00:00:00Z,100,40',
        '2026-07-01T00:01:00Z,120,',
        '2026-07-01T00:02:00Z,90,35',
      ),
    );
    assert.deepEqual(r.problems, []);
    const [inv, cpu] = r.load!.columns;
    assert.equal(inv!.name, 'invocations');
    assert.deepEqual([...inv!.values], [100, 120, 90]);
    assert.equal(inv!.times[0], T0);
    assert.equal(inv!.intervalMs, 60_000);
    assert.ok(Number.isNaN(cpu!.values[1]!));
  });

  it('accepts epoch seconds, CRLF, a BOM, and CloudWatch names for the demand columns', () => {
    const r = parseLoad('\uFEFFTimestamp,Invocations\r\n1782864000,5\r\n1782864060,6\r\n');
    assert.deepEqual(r.problems, []);
    assert.equal(r.load!.columns[0]!.name, 'invocations');
    assert.equal(r.load!.columns[0]!.times[0], T0);
  });

  it('a gap names both rows and the fix', () => {
    const r = parseLoadCsv(
      csv('timestamp,invocations', '2026-07-01T00:00:00Z,1', '2026-07-01T00:01:00Z,1', '2026-07-01T00:05:00Z,1'),
    );
    assert.deepEqual(r.problems, [
      'rows 3 and 4 are 4 min apart, a gap of 3 rows in a file whose rows are 1 min apart: add the missing rows (an empty cell is a missing datapoint, 0 is no traffic)',
    ]);
  });

  it('unsorted and duplicate timestamps name the rows', () => {
    const unsorted = parseLoadCsv(csv('timestamp,invocations', '2026-07-01T00:01:00Z,1', '2026-07-01T00:00:00Z,1'));
    assert.deepEqual(unsorted.problems, [
      'row 3 (2026-07-01T00:00:00Z) is earlier than row 2 (2026-07-01T00:01:00Z): sort the rows by timestamp',
    ]);
    const duplicate = parseLoadCsv(csv('timestamp,invocations', '2026-07-01T00:00:00Z,1', '2026-07-01T00:00:00Z,2'));
    assert.deepEqual(duplicate.problems, [
      'row 3 repeats the timestamp of row 2 (2026-07-01T00:00:00Z): keep one row per time',
    ]);
  });

  it('negative, non-numeric and empty demand values name row and column', () => {
    const r = parseLoadCsv(
      csv(
        'timestamp,invocations',
        '2026-07-01T00:00:00Z,-5',
        '2026-07-01T00:01:00Z,12a',
        '2026-07-01T00:02:00Z,',
        '2026-07-01T00:03:00Z,NaN',
      ),
    );
    assert.deepEqual(r.problems, [
      'row 2, column invocations: -5 is negative: loads and metrics are counts of 0 or more',
      'row 3, column invocations: "12a" is not a number: write a plain number such as 1200',
      'row 4, column invocations is empty: write 0 for no traffic (only a CloudWatch metric column may have empty cells, for missing datapoints)',
      'row 5, column invocations: "NaN" is not a number: write a plain number such as 1200',
    ]);
  });

  it('a column in the wrong unit says how to convert it', () => {
    assert.deepEqual(parseLoadCsv(csv('timestamp,rps', '2026-07-01T00:00:00Z,5')).problems, [
      'row 1, column 2 "rps" is requests per second, but the simulator reads total requests per minute: name the column invocations and multiply its values by 60',
    ]);
    assert.match(
      parseLoadCsv(csv('timestamp,value', '2026-07-01T00:00:00Z,5')).problems[0]!,
      /"value" does not say what it counts/,
    );
    assert.match(
      parseLoadCsv(csv('timestamp,InvocationsPerInstance', '2026-07-01T00:00:00Z,5')).problems[0]!,
      /per-instance metric: the simulator needs total demand\. Add a column instances/,
    );
  });

  it('an empty per-instance cell is refused like an empty demand cell: it would become no traffic', () => {
    const r = parseLoadCsv(
      csv(
        'timestamp,InvocationsPerInstance,instances',
        '2026-07-01T00:00:00Z,50,2',
        '2026-07-01T00:01:00Z,,2',
        '2026-07-01T00:02:00Z,40,3',
      ),
    );
    assert.deepEqual(r.problems, [
      'row 3, column InvocationsPerInstance is empty: write 0 for no traffic (only a CloudWatch metric column may have empty cells, for missing datapoints)',
    ]);
  });

  it('turns a per-instance column back into total demand with the instance count of each row', () => {
    const r = parseLoadCsv(
      csv('timestamp,InvocationsPerInstance,instances', '2026-07-01T00:00:00Z,50,2', '2026-07-01T00:01:00Z,40,3'),
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.load!.columns.map((c) => [c.name, [...c.values]]),
      [['invocations', [100, 120]]],
    );
  });

  it('a missing timestamp column, a bad time, an empty file', () => {
    assert.match(parseLoadCsv(csv('time_utc,invocations', 'x,1')).problems[0]!, /row 1 has no timestamp column/);
    assert.match(
      parseLoadCsv(csv('timestamp,invocations', 'yesterday,1')).problems[0]!,
      /row 2, column timestamp: "yesterday" is not a time/,
    );
    assert.match(parseLoadCsv('').problems[0]!, /the load file is empty/);
  });

  it(`more than ${MAX_LOAD_ROWS.toLocaleString('en-US')} rows fail fast with the row and the fix`, () => {
    const rows: string[] = ['timestamp,invocations'];
    for (let i = 0; i <= MAX_LOAD_ROWS; i++) rows.push(`${1782864000 + i * 60},1`);
    const started = Date.now();
    const r = parseLoadCsv(rows.join('\n'));
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /more than 1,000,000 rows \(row 1000002 is past the limit\).*cut the file/);
    // 1,000,000 minutes are 694 days; 1,000,000 rows of 10 s are 115.
    assert.match(r.problems[0]!, /about 694 days by the minute, 115 days at 10 s/);
    assert.ok(Date.now() - started < 20_000);
  });

  it('stops after ten problems', () => {
    const rows = ['timestamp,invocations'];
    for (let i = 0; i < 50; i++) rows.push(`2026-07-01T00:${String(i).padStart(2, '0')}:00Z,x`);
    const r = parseLoadCsv(rows.join('\n'));
    assert.equal(r.problems.length, 11);
    assert.match(r.problems[10]!, /reading stopped/);
  });
});

describe('load: get-metric-data JSON', () => {
  const output = {
    MetricDataResults: [
      {
        Id: 'inv',
        Label: 'Invocations',
        Timestamps: ['2026-07-01T00:03:00Z', '2026-07-01T00:01:00Z', '2026-07-01T00:00:00Z'],
        Values: [30, 10, 5],
        StatusCode: 'Complete',
      },
      {
        Id: 'cpu',
        Label: 'CPUUtilization',
        Timestamps: ['2026-07-01T00:02:00Z', '2026-07-01T00:00:00Z'],
        Values: [50, 40],
        StatusCode: 'Complete',
      },
    ],
    Messages: [],
  };

  it('sorts the newest-first output and fills absent periods: no traffic for demand, missing for a metric', () => {
    const r = parseLoadJson(JSON.stringify(output));
    assert.deepEqual(r.problems, []);
    const [inv, cpu] = r.load!.columns;
    assert.deepEqual([...inv!.values], [5, 10, 0, 30]);
    assert.deepEqual([...cpu!.values].map(String), ['40', 'NaN', '50']);
    assert.equal(r.warnings.length, 2);
    assert.match(r.warnings[0]!, /1 period without a datapoint: read as no traffic/);
  });

  it('a per-instance result needs the instance count at each of its times: none before the first, none in a gap', () => {
    const perInstance = (counts: { Timestamps: string[]; Values: number[] }) =>
      JSON.stringify({
        MetricDataResults: [
          {
            Id: 'ipi',
            Label: 'InvocationsPerInstance',
            Timestamps: ['2026-07-01T00:00:00Z', '2026-07-01T00:01:00Z', '2026-07-01T00:02:00Z'],
            Values: [30, 20, 10],
            StatusCode: 'Complete',
          },
          { Id: 'n', Label: 'instances', StatusCode: 'Complete', ...counts },
        ],
      });
    const late = parseLoadJson(perInstance({ Timestamps: ['2026-07-01T00:01:00Z'], Values: [2] }));
    assert.deepEqual(late.problems, [
      'MetricDataResults[0] (InvocationsPerInstance) at 2026-07-01T00:00:00Z has no instances count at or before that time: give the count InService at every time of the per-instance metric',
    ]);
    const gap = parseLoadJson(
      perInstance({ Timestamps: ['2026-07-01T00:00:00Z', '2026-07-01T00:02:00Z'], Values: [2, 3] }),
    );
    assert.deepEqual(gap.problems, [
      'MetricDataResults[0] (InvocationsPerInstance) at 2026-07-01T00:01:00Z has no instances count at or before that time: give the count InService at every time of the per-instance metric',
    ]);
    const whole = parseLoadJson(
      perInstance({
        Timestamps: ['2026-07-01T00:00:00Z', '2026-07-01T00:01:00Z', '2026-07-01T00:02:00Z'],
        Values: [2, 2, 3],
      }),
    );
    assert.deepEqual(whole.problems, []);
    assert.deepEqual(whole.warnings, []);
    assert.deepEqual([...whole.load!.columns[0]!.values], [60, 40, 30]);
  });

  it('names the result and value of a bad datapoint, and refuses get-metric-statistics output', () => {
    const bad = structuredClone(output);
    bad.MetricDataResults[1]!.Values[0] = -1;
    assert.match(
      parseLoadJson(JSON.stringify(bad)).problems[0]!,
      /MetricDataResults\[1\] \(CPUUtilization\), Values\[0\] at 2026-07-01T00:02:00Z: -1 is negative/,
    );
    assert.match(parseLoadJson('{"Datapoints": []}').problems[0]!, /get-metric-statistics output/);
    assert.match(parseLoadJson('{').problems[0]!, /not valid JSON/);
  });
});

describe('load: pattern specs', () => {
  it('adds terms per column, on a 10-second grid for demand', () => {
    const spec = parsePattern('step(100, 500, at=1h) + spike(1000, at=2h, for=10m); CPUUtilization: constant(40)');
    assert.equal(spec.problem, undefined);
    const l = patternLoad(spec.columns!, T0, 3 * 3_600_000);
    const inv = l.columns[0]!;
    const at = (ms: number) => inv.values[ms / 10_000]!;
    assert.equal(at(0), 100);
    assert.equal(at(3_600_000), 500);
    assert.equal(at(2 * 3_600_000 + 60_000), 1500);
    assert.equal(at(2 * 3_600_000 + 600_000), 500);
    assert.equal(l.columns[1]!.intervalMs, 60_000);
  });

  it('daily peaks at its time of day and troughs 12 h away; ramp is linear; off is zero traffic', () => {
    const daily = patternLoad(parsePattern('daily(100, 900, at=14:00)').columns!, T0, 86_400_000).columns[0]!;
    assert.equal(daily.values[(14 * 3_600_000) / 10_000], 900);
    assert.equal(daily.values[(2 * 3_600_000) / 10_000], 100);
    const ramp = patternLoad(parsePattern('ramp(0, 600, over=1h, at=1h)').columns!, T0, 3 * 3_600_000).columns[0]!;
    assert.equal(ramp.values[(90 * 60_000) / 10_000], 300);
    const off = patternLoad(parsePattern('constant(50) + off(at=10m, for=5m)').columns!, T0, 3_600_000).columns[0]!;
    assert.equal(off.values[(12 * 60_000) / 10_000], 0);
    assert.equal(off.values[(16 * 60_000) / 10_000], 50);
  });

  it('a spec that does not read says which part and how to write it', () => {
    assert.match(parsePattern('steps(1, 2)').problem!, /"steps" is not a pattern/);
    assert.match(parsePattern('step(1, 2)').problem!, /step\(\) needs at=: write step\(A, B, at=D\)/);
    assert.match(parsePattern('spike(5, at=1x, for=5m)').problem!, /at=1x is not a duration/);
    assert.match(parsePattern('constant(-5)').problem!, /"-5" is not a value of 0 or more/);
    assert.match(parsePattern('').problem!, /the pattern is empty/);
  });

  it('durations', () => {
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('2d'), 172_800_000);
    assert.equal(parseDuration('0'), 0);
    assert.equal(parseDuration('5 minutes'), undefined);
  });
});
