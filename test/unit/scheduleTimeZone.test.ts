import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTimeZone, formatInZone, knownTimeZones } from '../../core/schedule';

interface ZoneCase {
  name: string;
  valid: boolean;
  code?: string;
  severity?: string;
  suggestion?: string;
  says?: RegExp;
}

const ZONES: ZoneCase[] = [
  { name: 'Europe/Berlin', valid: true },
  { name: 'UTC', valid: true },
  { name: 'America/Argentina/Buenos_Aires', valid: true },
  { name: 'Asia/Kolkata', valid: true },
  { name: 'Pacific/Tahiti', valid: true },
  { name: 'Etc/GMT+9', valid: true, code: 'tz.etc-sign', severity: 'information', says: /UTC−9.*invert/ },
  { name: 'Etc/GMT-2', valid: true, code: 'tz.etc-sign', severity: 'information', says: /UTC\+2/ },
  { name: 'Etc/GMT+13', valid: false, code: 'tz.valid', severity: 'error' },
  {
    name: 'Europe/Berln',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'Europe/Berlin',
    says: /did you mean `Europe\/Berlin`/,
  },
  { name: 'America/New_Yrok', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'America/New_York' },
  { name: 'Berlin', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'Europe/Berlin' },
  { name: 'New York', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'America/New_York' },
  {
    name: 'PST',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'America/Los_Angeles',
    says: /abbreviation/,
  },
  {
    name: 'EST',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'America/New_York',
    says: /abbreviation/,
  },
  { name: 'CET', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'Europe/Berlin', says: /abbreviation/ },
  { name: 'ist', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'Asia/Kolkata' },
  {
    name: 'GMT+2',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'Etc/GMT-2',
    says: /sign is inverted/,
  },
  { name: 'UTC-5', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'Etc/GMT+5' },
  {
    name: '+05:30',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'Asia/Kolkata',
    says: /no Etc zone/,
  },
  { name: 'UTC+0', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'UTC' },
  {
    name: 'europe/berlin',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'Europe/Berlin',
    says: /case-sensitive/,
  },
  {
    name: 'US/Pacific',
    valid: false,
    code: 'tz.valid',
    severity: 'error',
    suggestion: 'America/Los_Angeles',
    says: /alias/,
  },
  { name: ' Europe/Berlin', valid: false, code: 'tz.valid', severity: 'error', suggestion: 'Europe/Berlin' },
  { name: '', valid: false, code: 'tz.valid', severity: 'error' },
  { name: 'Nowhere/Atlantis', valid: false, code: 'tz.valid', severity: 'error', says: /Unknown time zone/ },
];

describe('checkTimeZone', () => {
  for (const c of ZONES) {
    it(JSON.stringify(c.name), () => {
      const r = checkTimeZone(c.name);
      assert.equal(r.valid, c.valid);
      assert.equal(r.problem?.code, c.code);
      assert.equal(r.problem?.severity, c.severity);
      assert.equal(r.suggestion, c.suggestion);
      if (r.problem) assert.deepEqual([r.problem.start, r.problem.end], [0, c.name.length]);
      if (c.says) assert.match(r.problem!.message, c.says);
      if (c.suggestion) {
        assert.deepEqual(r.problem?.fixes?.[0]?.edits, [{ start: 0, end: c.name.length, newText: c.suggestion }]);
        assert.equal(checkTimeZone(c.suggestion).valid, true, `the suggestion ${c.suggestion} is itself valid`);
      }
    });
  }

  it('knows the engine zones and the UTC names', () => {
    const zones = knownTimeZones();
    assert.ok(zones.includes('UTC'));
    assert.ok(zones.includes('Europe/Berlin'));
    assert.ok(zones.length > 300);
  });
});

describe('formatInZone', () => {
  const cases: [string, string, string][] = [
    ['2026-12-01T07:00:00Z', 'Europe/Berlin', '2026-12-01T08:00:00+01:00'],
    ['2027-07-01T06:00:00Z', 'Europe/Berlin', '2027-07-01T08:00:00+02:00'],
    ['2026-12-01T07:00:00Z', 'UTC', '2026-12-01T07:00:00+00:00'],
    ['2026-12-01T07:00:00Z', 'America/New_York', '2026-12-01T02:00:00-05:00'],
    ['2026-12-01T07:00:00Z', 'Asia/Kolkata', '2026-12-01T12:30:00+05:30'],
    ['2026-12-01T00:00:00Z', 'Asia/Kathmandu', '2026-12-01T05:45:00+05:45'],
    ['2026-12-01T07:00:00Z', 'Etc/GMT+9', '2026-11-30T22:00:00-09:00'],
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', '2027-01-01T00:30:00+01:00'],
  ];
  for (const [instant, zone, expected] of cases) {
    it(`${instant} in ${zone}`, () => assert.equal(formatInZone(new Date(instant), zone), expected));
  }
});
