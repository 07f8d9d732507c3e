import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scheduleInWords, parseSchedule } from '../../core/schedule';

const CASES: [string, string | undefined, string][] = [
  ['cron(0 8 ? * MON-FRI *)', 'Europe/Berlin', 'at 08:00 on Monday to Friday, Europe/Berlin'],
  ['cron(0 8 * * ? *)', undefined, 'at 08:00 every day, UTC'],
  ['cron(0 8,20 * * ? *)', undefined, 'at 08:00 and 20:00 every day, UTC'],
  ['cron(30 6 ? * MON,WED,FRI *)', undefined, 'at 06:30 on Monday, Wednesday and Friday, UTC'],
  ['cron(0 0 L * ? *)', undefined, 'at 00:00 on the last day of the month, UTC'],
  ['cron(0 9 LW * ? *)', undefined, 'at 09:00 on the last weekday of the month, UTC'],
  ['cron(0 9 15W * ? *)', undefined, 'at 09:00 on the weekday nearest the 15th of the month, UTC'],
  ['cron(0 12 ? * 6#3 *)', undefined, 'at 12:00 on the third Friday of the month, UTC'],
  ['cron(15 10 ? * 6L 2026-2027)', undefined, 'at 10:15 on the last Friday of the month in 2026 and 2027, UTC'],
  ['cron(0 0 1,15 * ? *)', undefined, 'at 00:00 on the 1st and 15th of the month, UTC'],
  [
    'cron(0 0 1 JAN-MAR ? *)',
    'America/New_York',
    'at 00:00 on the 1st of the month in January to March, America/New_York',
  ],
  ['cron(*/5 * * * ? *)', undefined, 'every 5 minutes, UTC'],
  ['cron(*/15 9-17 ? * MON-FRI *)', undefined, 'every 15 minutes from 09:00 to 17:45 on Monday to Friday, UTC'],
  ['cron(30 * * * ? *)', undefined, 'every hour at minute 30, UTC'],
  ['cron(0 */6 * * ? *)', undefined, 'at 00:00, 06:00, 12:00 and 18:00 every day, UTC'],
  ['cron(0 */2 * * ? *)', undefined, 'every 2 hours at minute 0, UTC'],
  ['rate(5 minutes)', undefined, 'every 5 minutes'],
  ['rate(1 hour)', 'Europe/Berlin', 'every hour'],
  ['rate(2 days)', undefined, 'every 2 days'],
  ['at(2026-12-24T18:00:00)', undefined, 'once, at 2026-12-24 18:00 UTC'],
  ['at(2026-12-24T18:00:30)', 'Europe/Berlin', 'once, at 2026-12-24 18:00:30 Europe/Berlin'],
];

describe('scheduleInWords', () => {
  for (const [expr, zone, expected] of CASES) {
    it(`${expr}${zone ? ` in ${zone}` : ''}`, () => {
      const { schedule } = parseSchedule(expr);
      assert.ok(schedule, expr);
      assert.equal(scheduleInWords(schedule, zone), expected);
    });
  }
});
