import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dstIssues, neverFires, nextRuns, parseSchedule, type Schedule } from '../../core/schedule';

const NOW = new Date('2026-11-28T12:00:00Z');

function parse(expr: string): Schedule {
  const { schedule, problems } = parseSchedule(expr);
  assert.ok(schedule, `${expr} parses: ${JSON.stringify(problems)}`);
  return schedule;
}

function iso(dates: Date[]): string[] {
  return dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
}

interface RunCase {
  name: string;
  expr: string;
  timeZone?: string;
  after?: string;
  start?: string;
  end?: string;
  count: number;
  expected: string[];
}

const RUNS: RunCase[] = [
  {
    name: 'weekdays at 08:00 Berlin across the March switch (CET → CEST on 2027-03-28)',
    expr: 'cron(0 8 ? * MON-FRI *)',
    timeZone: 'Europe/Berlin',
    after: '2027-03-25T00:00:00Z',
    count: 4,
    expected: ['2027-03-25T07:00:00Z', '2027-03-26T07:00:00Z', '2027-03-29T06:00:00Z', '2027-03-30T06:00:00Z'],
  },
  {
    name: 'weekdays at 08:00 Berlin across the October switch (CEST → CET on 2027-10-31)',
    expr: 'cron(0 8 ? * MON-FRI *)',
    timeZone: 'Europe/Berlin',
    after: '2027-10-28T00:00:00Z',
    count: 4,
    expected: ['2027-10-28T06:00:00Z', '2027-10-29T06:00:00Z', '2027-11-01T07:00:00Z', '2027-11-02T07:00:00Z'],
  },
  {
    name: '02:00 New York skips the spring-forward day (2027-03-14 has no 02:00)',
    expr: 'cron(0 2 * * ? *)',
    timeZone: 'America/New_York',
    after: '2027-03-12T12:00:00Z',
    count: 3,
    expected: ['2027-03-13T07:00:00Z', '2027-03-15T06:00:00Z', '2027-03-16T06:00:00Z'],
  },
  {
    name: '01:30 New York runs once, at the first 01:30, on the fall-back day (2027-11-07)',
    expr: 'cron(30 1 * * ? *)',
    timeZone: 'America/New_York',
    after: '2027-11-05T12:00:00Z',
    count: 3,
    expected: ['2027-11-06T05:30:00Z', '2027-11-07T05:30:00Z', '2027-11-08T06:30:00Z'],
  },
  {
    name: 'last day of the month',
    expr: 'cron(0 0 L * ? *)',
    count: 4,
    expected: ['2026-11-30T00:00:00Z', '2026-12-31T00:00:00Z', '2027-01-31T00:00:00Z', '2027-02-28T00:00:00Z'],
  },
  {
    name: 'third Friday (6#3)',
    expr: 'cron(0 12 ? * 6#3 *)',
    count: 3,
    expected: ['2026-12-18T12:00:00Z', '2027-01-15T12:00:00Z', '2027-02-19T12:00:00Z'],
  },
  {
    name: 'last Friday (6L) in 2026–2027 only: 13 runs, then no more',
    expr: 'cron(15 10 ? * 6L 2026-2027)',
    count: 20,
    expected: [
      '2026-12-25T10:15:00Z',
      '2027-01-29T10:15:00Z',
      '2027-02-26T10:15:00Z',
      '2027-03-26T10:15:00Z',
      '2027-04-30T10:15:00Z',
      '2027-05-28T10:15:00Z',
      '2027-06-25T10:15:00Z',
      '2027-07-30T10:15:00Z',
      '2027-08-27T10:15:00Z',
      '2027-09-24T10:15:00Z',
      '2027-10-29T10:15:00Z',
      '2027-11-26T10:15:00Z',
      '2027-12-31T10:15:00Z',
    ],
  },
  {
    name: 'nearest weekday to the 1st (2027-05-01 is a Saturday → Monday 3rd; 2027-08-01 is a Sunday → Monday 2nd)',
    expr: 'cron(0 9 1W MAY,AUG ? 2027)',
    count: 3,
    expected: ['2027-05-03T09:00:00Z', '2027-08-02T09:00:00Z'],
  },
  {
    name: 'last weekday of the month (2027-01-31 is a Sunday)',
    expr: 'cron(0 9 LW * ? *)',
    after: '2027-01-01T00:00:00Z',
    count: 2,
    expected: ['2027-01-29T09:00:00Z', '2027-02-26T09:00:00Z'],
  },
  {
    name: 'start and end bound a cron (end is inclusive)',
    expr: 'cron(0 8 * * ? *)',
    start: '2026-12-01T00:00:00Z',
    end: '2026-12-03T08:00:00Z',
    count: 10,
    expected: ['2026-12-01T08:00:00Z', '2026-12-02T08:00:00Z', '2026-12-03T08:00:00Z'],
  },
  {
    name: 'runs are strictly after `after`',
    expr: 'cron(0 12 * * ? *)',
    count: 1,
    expected: ['2026-11-29T12:00:00Z'],
  },
  {
    name: 'every 5 minutes counted from StartTime',
    expr: 'rate(5 minutes)',
    start: '2026-11-28T12:02:00Z',
    count: 3,
    expected: ['2026-11-28T12:02:00Z', '2026-11-28T12:07:00Z', '2026-11-28T12:12:00Z'],
  },
  {
    name: 'a rate whose StartTime has passed keeps its phase',
    expr: 'rate(5 minutes)',
    start: '2026-11-28T11:58:30Z',
    count: 2,
    expected: ['2026-11-28T12:03:30Z', '2026-11-28T12:08:30Z'],
  },
  {
    name: 'a rate without StartTime counts from `after`',
    expr: 'rate(1 hour)',
    count: 2,
    expected: ['2026-11-28T13:00:00Z', '2026-11-28T14:00:00Z'],
  },
  {
    name: 'a rate stops at EndTime',
    expr: 'rate(1 day)',
    start: '2026-12-01T00:00:00Z',
    end: '2026-12-03T12:00:00Z',
    count: 10,
    expected: ['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'],
  },
  {
    name: 'at() is read in the zone',
    expr: 'at(2026-12-24T18:00:00)',
    timeZone: 'Europe/Berlin',
    count: 5,
    expected: ['2026-12-24T17:00:00Z'],
  },
  {
    name: 'at() without a zone is UTC',
    expr: 'at(2026-12-24T18:00:00)',
    count: 5,
    expected: ['2026-12-24T18:00:00Z'],
  },
  {
    name: 'at() in a DST gap moves later by the gap (02:30 → 03:30 CEST)',
    expr: 'at(2027-03-28T02:30:00)',
    timeZone: 'Europe/Berlin',
    count: 1,
    expected: ['2027-03-28T01:30:00Z'],
  },
  {
    name: 'at() in the past runs no more',
    expr: 'at(2025-01-01T00:00:00)',
    count: 1,
    expected: [],
  },
  {
    name: 'count 0 gives nothing',
    expr: 'cron(0 8 * * ? *)',
    count: 0,
    expected: [],
  },
];

describe('nextRuns', () => {
  for (const c of RUNS) {
    it(c.name, () => {
      const runs = nextRuns(parse(c.expr), {
        after: c.after ? new Date(c.after) : NOW,
        count: c.count,
        ...(c.timeZone ? { timeZone: c.timeZone } : {}),
        ...(c.start ? { start: new Date(c.start) } : {}),
        ...(c.end ? { end: new Date(c.end) } : {}),
      });
      assert.deepEqual(iso(runs), c.expected);
    });
  }

  it('returns [] quickly for an expression that never fires', () => {
    for (const expr of ['cron(0 0 30 2 ? *)', 'cron(0 0 31 4,6,9,11 ? *)', 'cron(0 0 29 2 ? 2027)']) {
      const t0 = performance.now();
      assert.deepEqual(nextRuns(parse(expr), { after: NOW, timeZone: 'Europe/Berlin', count: 5 }), []);
      assert.ok(performance.now() - t0 < 500, `${expr} took ${performance.now() - t0} ms`);
    }
  });

  it('stops at 2199 and at EndTime before StartTime', () => {
    assert.deepEqual(nextRuns(parse('cron(0 0 1 1 ? *)'), { after: new Date('2199-06-01T00:00:00Z'), count: 3 }), []);
    assert.deepEqual(
      nextRuns(parse('cron(0 8 * * ? *)'), {
        after: NOW,
        start: new Date('2027-01-02T00:00:00Z'),
        end: new Date('2027-01-01T00:00:00Z'),
        count: 3,
      }),
      [],
    );
    assert.equal(nextRuns(parse('rate(1 minute)'), { after: new Date('2199-12-31T23:58:00Z'), count: 10 }).length, 1);
  });

  it('caps the number of runs', () => {
    assert.equal(nextRuns(parse('rate(1 minute)'), { after: NOW, count: 1e9 }).length, 10_000);
  });

  it('every minute across an hour boundary, in a zone with a half-hour offset', () => {
    const runs = nextRuns(parse('cron(* * * * ? *)'), {
      after: new Date('2026-11-28T12:28:30Z'),
      timeZone: 'Asia/Kolkata',
      count: 3,
    });
    assert.deepEqual(iso(runs), ['2026-11-28T12:29:00Z', '2026-11-28T12:30:00Z', '2026-11-28T12:31:00Z']);
  });

  it('throws a RangeError for an unknown zone', () => {
    assert.throws(
      () => nextRuns(parse('cron(0 8 * * ? *)'), { after: NOW, timeZone: 'Mars/Olympus', count: 1 }),
      RangeError,
    );
  });
});

describe('neverFires', () => {
  it('at.past for a time before now, not for a future one', () => {
    const past = neverFires(parse('at(2026-01-01T00:00:00)'), { now: NOW });
    assert.deepEqual(
      past.map((p) => [p.code, p.severity, p.start, p.end]),
      [['at.past', 'warning', 3, 22]],
    );
    assert.deepEqual(neverFires(parse('at(2026-12-24T18:00:00)'), { now: NOW }), []);
    // 2026-11-28T12:30 in Tokyo is 03:30 UTC: already past at noon UTC.
    assert.equal(
      neverFires(parse('at(2026-11-28T12:30:00)'), { now: NOW, timeZone: 'Asia/Tokyo' })[0]?.code,
      'at.past',
    );
    assert.deepEqual(neverFires(parse('at(2026-11-28T12:30:00)'), { now: NOW }), []);
  });

  it('sched.end-in-past, reported on EndTime', () => {
    const p = neverFires(parse('cron(0 8 * * ? *)'), { now: NOW, end: new Date('2026-11-01T00:00:00Z') });
    assert.deepEqual(
      p.map((x) => [x.code, x.severity, x.on]),
      [['sched.end-in-past', 'warning', 'EndTime']],
    );
    assert.deepEqual(neverFires(parse('cron(0 8 * * ? *)'), { now: NOW, end: new Date('2027-01-01T00:00:00Z') }), []);
    assert.equal(
      neverFires(parse('rate(5 minutes)'), { now: NOW, end: new Date('2026-11-01T00:00:00Z') })[0]?.code,
      'sched.end-in-past',
    );
  });

  it('cron.never-fires for a year field wholly in the past, on the year field', () => {
    const expr = 'cron(0 0 L * ? 2020-2025)';
    const p = neverFires(parse(expr), { now: NOW });
    assert.deepEqual(
      p.map((x) => [x.code, x.severity, expr.slice(x.start, x.end)]),
      [['cron.never-fires', 'warning', '2020-2025']],
    );
    assert.deepEqual(neverFires(parse('cron(0 0 L * ? 2020-2026)'), { now: NOW }), []);
  });

  it('cron.never-fires when no run falls between now and EndTime', () => {
    const expr = 'cron(0 8 1 JAN ? *)';
    const p = neverFires(parse(expr), { now: NOW, end: new Date('2026-12-31T00:00:00Z') });
    assert.deepEqual(
      p.map((x) => [x.code, x.start, x.end]),
      [['cron.never-fires', 5, 18]],
    );
  });

  it('does not repeat the static never-fires that parseSchedule reports', () => {
    const { schedule, problems } = parseSchedule('cron(0 0 30 2 ? *)');
    assert.ok(schedule);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['cron.never-fires'],
    );
    assert.deepEqual(neverFires(schedule, { now: NOW }), []);
  });
});

describe('dstIssues', () => {
  it('finds the gap and the overlap for 02:30 in Berlin, on the time fields', () => {
    const expr = 'cron(30 2 * * ? *)';
    const issues = dstIssues(parse(expr), 'Europe/Berlin', NOW);
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity, i.kind, i.date, i.times.join(','), expr.slice(i.start, i.end)]),
      [
        ['tz.dst-gap', 'warning', 'gap', '2027-03-28', '02:30', '30 2'],
        ['tz.dst-gap', 'warning', 'overlap', '2027-10-31', '02:30', '30 2'],
      ],
    );
    assert.match(issues[0]!.message, /jump from 02:00 to 03:00/);
    assert.match(issues[1]!.message, /go back from 03:00 to 02:00/);
  });

  it('only the gap for 02:00 in New York on a Sunday (the overlap is 01:00–02:00)', () => {
    const issues = dstIssues(parse('cron(0 2 ? * SUN *)'), 'America/New_York', NOW);
    assert.deepEqual(
      issues.map((i) => [i.kind, i.date, i.times]),
      [['gap', '2027-03-14', ['02:00']]],
    );
  });

  it('lists every affected run in the hour', () => {
    const issues = dstIssues(parse('cron(*/15 1-2 * * ? *)'), 'America/New_York', NOW);
    assert.deepEqual(
      issues.map((i) => [i.kind, i.date, i.times.join(',')]),
      [
        ['gap', '2027-03-14', '02:00,02:15,02:30,02:45'],
        ['overlap', '2027-11-07', '01:00,01:15,01:30,01:45'],
      ],
    );
  });

  it('is quiet outside the change, in UTC, in zones without DST, for rates and hourly crons', () => {
    assert.deepEqual(dstIssues(parse('cron(0 8 * * ? *)'), 'Europe/Berlin', NOW), []);
    assert.deepEqual(dstIssues(parse('cron(30 2 * * ? *)'), 'UTC', NOW), []);
    assert.deepEqual(dstIssues(parse('cron(30 2 * * ? *)'), 'Asia/Tokyo', NOW), []);
    assert.deepEqual(dstIssues(parse('rate(1 hour)'), 'Europe/Berlin', NOW), []);
    assert.deepEqual(dstIssues(parse('cron(0 * * * ? *)'), 'Europe/Berlin', NOW), []);
    // The Berlin gap is on a Sunday; a weekday schedule never meets it.
    assert.deepEqual(dstIssues(parse('cron(30 2 ? * MON-FRI *)'), 'Europe/Berlin', NOW), []);
  });

  it('flags an at() inside a gap or an overlap', () => {
    const gap = dstIssues(parse('at(2027-03-28T02:30:00)'), 'Europe/Berlin', NOW);
    assert.deepEqual(
      gap.map((i) => [i.kind, i.start, i.end]),
      [['gap', 3, 22]],
    );
    assert.equal(dstIssues(parse('at(2027-10-31T02:30:00)'), 'Europe/Berlin', NOW)[0]?.kind, 'overlap');
    assert.deepEqual(dstIssues(parse('at(2027-10-31T04:30:00)'), 'Europe/Berlin', NOW), []);
  });

  it('southern hemisphere: Sydney springs forward in October', () => {
    const issues = dstIssues(parse('cron(30 2 * * ? *)'), 'Australia/Sydney', NOW);
    assert.deepEqual(
      issues.map((i) => [i.kind, i.date]),
      [
        ['overlap', '2027-04-04'],
        ['gap', '2027-10-03'],
      ],
    );
  });
});
