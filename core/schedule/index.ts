// AWS schedule expressions (`at()`, `rate()`, `cron()`) and Timezone names: parsing with precise problem
// ranges and fixes, run times in a zone, DST pitfalls, and descriptions in words. Pure: the clock is
// always passed in.
export type {
  CronField,
  CronFields,
  DayOfMonthSpec,
  DayOfWeekSpec,
  LocalDateTime,
  Schedule,
  ScheduleProblem,
} from './types';
export { parseSchedule, MAX_SCHEDULE_LENGTH, type ScheduleParse } from './parse';
export { matchesCron } from './cron';
export { nextRuns, neverFires, MAX_RUNS, type NextRunsOptions, type NeverFiresOptions } from './nextRuns';
export { dstIssues, type DstIssue } from './dst';
export { scheduleInWords } from './words';
export { checkTimeZone, knownTimeZones, type TimeZoneCheck } from './timezone';
export { formatInZone, localToInstant, localToInstants } from './zoneTime';
