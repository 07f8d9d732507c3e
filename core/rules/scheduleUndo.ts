import { checkTimeZone, formatInZone, nextRuns, parseSchedule, type Schedule } from '../schedule';
import { readableTime } from '../language/scheduleSummary';
import { timestampInstant } from '../document/timestamp';
import type { ScheduledAction } from '../document/model';

// A target's own MinCapacity or MaxCapacity that its scheduled actions undo: they set the
// bound to other values, and none sets it back to the target's, so the value the file gives
// lasts only until the first of them runs. Application Auto Scaling keeps whatever an action
// set until another action or a registration changes it
// (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-policy-overview.html).
// Used by the static rule (the file's own actions) and by plan and apply (live actions that
// apply keeps because prune is off).

export type Bound = 'MinCapacity' | 'MaxCapacity';

/** A scheduled action as both the file and AWS describe it. */
export interface ScheduleSetter {
  name: string;
  schedule: string;
  timezone?: string;
  startTime?: string;
  endTime?: string;
  min?: number;
  max?: number;
}

/** A scheduled action of the file as a setter, under the name it is told by; undefined when it has no Schedule. */
export function fileSetter(action: ScheduledAction, name: string): ScheduleSetter | undefined {
  if (!action.schedule) return undefined;
  return {
    name,
    schedule: action.schedule.value,
    ...(action.timezone ? { timezone: action.timezone.value } : {}),
    ...(action.startTime ? { startTime: action.startTime.value } : {}),
    ...(action.endTime ? { endTime: action.endTime.value } : {}),
    ...(action.action?.minCapacity ? { min: action.action.minCapacity.value } : {}),
    ...(action.action?.maxCapacity ? { max: action.action.maxCapacity.value } : {}),
  };
}

/** A bound the setters undo: the first setter to run with another value, and when. */
export interface Undo<S extends ScheduleSetter> {
  bound: Bound;
  own: number;
  setter: S;
  value: number;
  /** When it next runs, in words and in its zone ("Mon 2026-11-30 08:00 +01:00 (Europe/Berlin)"), or "at its next run" for rate(). */
  when: string;
}

/** The next run of a setter after `now`: its instant (undefined for none left), and words for it. */
function nextRun(setter: ScheduleSetter, now: Date): { at: number; when: string } | undefined {
  const parsed = parseSchedule(setter.schedule);
  const schedule: Schedule | undefined = parsed.schedule;
  if (!schedule) return undefined;
  const zone = setter.timezone ?? 'UTC';
  if (setter.timezone !== undefined && !checkTimeZone(zone).valid) return undefined;
  const start = timestampInstant(setter.startTime);
  const end = timestampInstant(setter.endTime);
  const [next] = nextRuns(schedule, {
    after: now,
    timeZone: zone,
    count: 1,
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
  });
  if (!next) return undefined;
  // rate() counts from when AWS created the action, which only AWS knows.
  if (schedule.kind === 'rate') return { at: next.getTime(), when: `at its next run (${setter.schedule})` };
  if (zone === 'UTC')
    return { at: next.getTime(), when: `next on ${readableTime(next.toISOString().replace(/\.\d{3}Z$/, 'Z'))}` };
  return { at: next.getTime(), when: `next on ${readableTime(formatInZone(next, zone))} (${zone})` };
}

const BOUNDS: readonly Bound[] = ['MinCapacity', 'MaxCapacity'];

/**
 * The target's bounds that the setters undo: the bound has setters that run again, none of
 * them sets the target's value, and `counts` (the setters that matter to the caller) holds
 * the first of them to run. `skip` leaves out bounds another finding already covers.
 */
export function boundsUndone<S extends ScheduleSetter>(
  own: { min?: number; max?: number },
  setters: readonly S[],
  now: Date,
  counts: (setter: S) => boolean = () => true,
  skip: ReadonlySet<Bound> = new Set(),
): Undo<S>[] {
  const undone: Undo<S>[] = [];
  for (const bound of BOUNDS) {
    const v = bound === 'MinCapacity' ? own.min : own.max;
    if (v === undefined || skip.has(bound)) continue;
    const valueOf = (s: S) => (bound === 'MinCapacity' ? s.min : s.max);
    const setting = setters.filter((s) => valueOf(s) !== undefined);
    // Cheap checks first: most targets' schedules come back to the target's own bounds.
    if (setting.length === 0 || setting.some((s) => valueOf(s) === v) || !setting.some(counts)) continue;
    let first: { setter: S; at: number; when: string } | undefined;
    for (const setter of setting) {
      const next = nextRun(setter, now);
      if (next && (!first || next.at < first.at)) first = { setter, ...next };
    }
    if (!first || !counts(first.setter)) continue;
    undone.push({ bound, own: v, setter: first.setter, value: valueOf(first.setter)!, when: first.when });
  }
  return undone;
}
