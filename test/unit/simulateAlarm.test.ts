import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateAlarm, type AlarmRule } from '../../core/simulate/alarm';
import {
  ALARM,
  ALARM_STATE_NAMES,
  INSUFFICIENT_DATA,
  OK,
  type AlarmState,
  type TreatMissingData,
} from '../../core/simulate/types';

// The two tables of "Configuring how CloudWatch alarms treat missing data"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-evaluating-missing-data),
// every cell: the data with the most recent datapoint on the right, X breaching, 0 not, - missing;
// an evaluation range of 5 for 3 evaluation periods.

const MODES: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

function datapoints(text: string): Float64Array {
  return Float64Array.from(text.split(' ').map((c) => (c === 'X' ? 1 : c === '0' ? 0 : NaN)));
}

function rule(m: number, treat: TreatMissingData): AlarmRule {
  return {
    evaluationPeriods: 3,
    datapointsToAlarm: m,
    comparison: 'GreaterThanThreshold',
    threshold: 0.5,
    treatMissingData: treat,
  };
}

type Cell = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | 'retain';

function check(m: number, rows: [string, Cell, Cell, Cell, Cell][]): void {
  for (const [data, ...cells] of rows) {
    MODES.forEach((mode, i) => {
      const expected = cells[i]!;
      // From every state: "retain" keeps whichever it was, the others do not depend on it.
      for (const current of [OK, ALARM, INSUFFICIENT_DATA] as AlarmState[]) {
        const got = evaluateAlarm(datapoints(data), rule(m, mode), current);
        const want = expected === 'retain' ? ALARM_STATE_NAMES[current] : expected;
        assert.equal(ALARM_STATE_NAMES[got], want, `${data}, M=${m}, ${mode}, from ${ALARM_STATE_NAMES[current]}`);
      }
    });
  }
}

describe('CloudWatch alarm evaluation: the documented missing-data tables', () => {
  it('3 of 3 datapoints, every cell', () => {
    check(3, [
      ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
      ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
      ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
      ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      ['- - X - -', 'ALARM', 'retain', 'ALARM', 'OK'],
    ]);
  });

  it('2 of 3 datapoints, every cell', () => {
    check(2, [
      ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
      ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
      ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
      ['- - - X -', 'ALARM', 'retain', 'ALARM', 'OK'],
    ]);
  });

  it('premature-alarm guard: the newest datapoint alone breaching does not alarm 3 of 3', () => {
    // "- - - - X" and "- - - X -" do not go to ALARM: the next datapoints may not breach.
    for (const data of ['- - - - X', '- - - X -'])
      assert.equal(evaluateAlarm(datapoints(data), rule(3, 'missing'), OK), OK, data);
  });

  it('premature-alarm rule: the oldest datapoint breaching at least M periods old, nothing since but breaching or missing', () => {
    // "alarms are designed to always go into ALARM state when the oldest available breaching
    // datapoint [...] is at least as old as the value of Datapoints to Alarm, and all other more
    // recent data points are breaching or missing [...] no matter the value of M" (the page's
    // "Avoiding premature transitions to alarm state"); the 2019 edition's table had
    // X - - - - → ALARM (missing) and retain (ignore) for 3 of 3.
    const cases: [string, number, Cell, Cell][] = [
      ['- - X - -', 2, 'ALARM', 'retain'], // 3 periods old ≥ 2
      ['- X - - -', 2, 'ALARM', 'retain'],
      ['X - - - -', 3, 'ALARM', 'retain'],
      ['- X - X -', 3, 'ALARM', 'retain'],
      ['- X - 0 -', 2, 'OK', 'OK'], // a later datapoint does not breach
      ['0 X - - -', 2, 'OK', 'OK'], // the oldest datapoint does not breach (as 0 - X - - in the table)
    ];
    for (const [data, m, missing, ignore] of cases)
      for (const current of [OK, ALARM, INSUFFICIENT_DATA] as AlarmState[]) {
        const retain = (cell: Cell) => (cell === 'retain' ? ALARM_STATE_NAMES[current] : cell);
        const at = (treat: TreatMissingData) =>
          ALARM_STATE_NAMES[evaluateAlarm(datapoints(data), rule(m, treat), current)];
        assert.equal(at('missing'), retain(missing), `${data}, M=${m}, missing, from ${ALARM_STATE_NAMES[current]}`);
        assert.equal(at('ignore'), retain(ignore), `${data}, M=${m}, ignore, from ${ALARM_STATE_NAMES[current]}`);
      }
  });

  it('uses the most recent N real datapoints, skipping missing ones, whatever TreatMissingData says', () => {
    for (const mode of MODES) {
      assert.equal(evaluateAlarm(datapoints('X X - X 0'), rule(3, mode), OK), OK, mode); // X - X 0 → X X 0 with M=3
      assert.equal(evaluateAlarm(datapoints('X X - X 0'), rule(2, mode), OK), ALARM, mode);
    }
  });

  it('every comparison operator compares as its name says', () => {
    const base = { evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 5, treatMissingData: 'missing' as const };
    const at = Float64Array.of(5);
    assert.equal(evaluateAlarm(at, { ...base, comparison: 'GreaterThanThreshold' }, OK), OK);
    assert.equal(evaluateAlarm(at, { ...base, comparison: 'GreaterThanOrEqualToThreshold' }, OK), ALARM);
    assert.equal(evaluateAlarm(at, { ...base, comparison: 'LessThanThreshold' }, OK), OK);
    assert.equal(evaluateAlarm(at, { ...base, comparison: 'LessThanOrEqualToThreshold' }, OK), ALARM);
  });
});
