import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimestamp } from '../../core/document/timestamp';

function instant(text: string): { epochMs: number; hasOffset: boolean; dateOnly: boolean } {
  const parsed = parseTimestamp(text);
  assert.ok(parsed?.ok, `${text} parses`);
  return { epochMs: parsed.epochMs, hasOffset: parsed.hasOffset, dateOnly: parsed.dateOnly };
}

function problem(text: string): { problem: string; part: string } {
  const parsed = parseTimestamp(text);
  assert.ok(parsed && !parsed.ok, `${text} is reported as impossible`);
  return { problem: parsed.problem, part: text.slice(parsed.start, parsed.end) };
}

describe('parseTimestamp', () => {
  it('reads the forms the schema accepts, as UTC unless an offset says otherwise', () => {
    const utc = Date.UTC(2027, 2, 1, 6, 30, 0);
    assert.deepEqual(instant('2027-03-01T06:30:00Z'), { epochMs: utc, hasOffset: true, dateOnly: false });
    assert.deepEqual(instant('2027-03-01t06:30:00z'), { epochMs: utc, hasOffset: true, dateOnly: false });
    assert.deepEqual(instant('2027-03-01T06:30:00'), { epochMs: utc, hasOffset: false, dateOnly: false });
    assert.deepEqual(instant('2027-03-01 06:30'), { epochMs: utc, hasOffset: false, dateOnly: false });
    assert.equal(instant('2027-03-01T07:30:00+01:00').epochMs, utc);
    assert.equal(instant('2027-03-01T07:30:00+0100').epochMs, utc);
    assert.equal(instant('2027-03-01T07:30+01').epochMs, utc);
    assert.equal(instant('2027-03-01T01:00:00-05:30').epochMs, utc);
    assert.equal(instant('2027-03-01T06:30:00.250Z').epochMs, utc + 250);
    assert.deepEqual(instant('2027-03-01'), { epochMs: Date.UTC(2027, 2, 1), hasOffset: false, dateOnly: true });
  });

  it('knows leap years', () => {
    assert.equal(instant('2028-02-29T00:00:00Z').epochMs, Date.UTC(2028, 1, 29));
    assert.equal(instant('2000-02-29T00:00:00Z').epochMs, Date.UTC(2000, 1, 29));
    assert.deepEqual(problem('2027-02-29T00:00:00Z'), { problem: '2027-02 has only 28 days', part: '29' });
    assert.deepEqual(problem('2100-02-29T00:00:00Z'), { problem: '2100-02 has only 28 days', part: '29' });
  });

  it('points at the part that does not exist', () => {
    assert.equal(problem('2027-13-01T00:00:00Z').part, '13');
    assert.equal(problem('2027-00-01T00:00:00Z').part, '00');
    assert.equal(problem('2027-04-31T00:00:00Z').part, '31');
    assert.equal(problem('2027-04-00T00:00:00Z').part, '00');
    assert.equal(problem('2027-04-01T24:00:00Z').part, '24');
    assert.equal(problem('2027-04-01T23:60:00Z').part, '60');
    assert.equal(problem('2027-04-01T23:59:60Z').part, '60');
    assert.equal(problem('2027-04-01T23:59:00+24:00').part, '+24:00');
    assert.equal(problem('2027-04-01T23:59:00-0960').part, '-0960');
  });

  it('leaves text of another shape to the schema', () => {
    for (const text of [
      '',
      'tomorrow',
      '2027-3-1',
      '2027-03-01T6:30',
      '2027-03-01T06:30:00 UTC',
      '1735689600',
      '2027-03-01T06:30:00ZZ',
    ]) {
      assert.equal(parseTimestamp(text), undefined, text);
    }
  });
});
