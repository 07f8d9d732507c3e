import type { Severity } from '../finding';

/**
 * The codes the schedule checker reports, with their severities. The rules' metadata
 * (core/rules/schedules.ts, scheduledActions.ts) takes the severity from here, so the
 * editor and the CLI's `schedule` command grade a problem alike.
 */
export const SCHEDULE_SEVERITY = {
  'at.past': 'warning',
  'at.syntax': 'error',
  'cron.both-question': 'error',
  'cron.dom-dow-question': 'error',
  'cron.dow-numbering': 'information',
  'cron.every-minute': 'warning',
  'cron.field-count': 'error',
  'cron.hash-single': 'error',
  'cron.names-case': 'warning',
  'cron.never-fires': 'warning',
  'cron.range-order': 'warning',
  'cron.ranges': 'error',
  'cron.seven-fields': 'warning',
  'cron.wildcard-placement': 'error',
  'cron.wrapper': 'error',
  'rate.plural': 'error',
  'rate.syntax': 'error',
  'sched.end-in-past': 'warning',
  'sched.schedule-required': 'error',
  'tz.dst-gap': 'warning',
  'tz.etc-sign': 'information',
  'tz.valid': 'error',
} as const satisfies Record<string, Severity>;

/** A code of the schedule checker. */
export type ScheduleCode = keyof typeof SCHEDULE_SEVERITY;
