// Scheduled actions: when each runs within the window, computed once with the project's own
// schedule engine (core/schedule: AWS's cron/rate/at dialect in the action's Timezone, DST
// included) within its StartTime/EndTime. At its time an action sets MinCapacity and/or
// MaxCapacity, which persist; EndTime stops later runs and reverts nothing
// (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-policy-overview.html).
import type { ScheduledActionSpec } from '../plan/liveState';
import { MAX_RUNS, nextRuns, parseSchedule } from '../schedule';
import { timestampInstant } from '../document/timestamp';

export interface ScheduledRun {
  /** Epoch ms of the scheduled time (before the service's delay). */
  time: number;
  name: string;
  /** Index in the file's list: actions due together run in the order they are listed. */
  order: number;
  min?: number;
  max?: number;
}

/**
 * Every run of the actions in [fromMs, toMs), in time order (file order for ties). Actions
 * whose schedule or zone does not read are returned in `skipped` with the reason (the rules
 * report them as errors, so the CLI never gets this far with one).
 */
export function scheduledRuns(
  actions: readonly ScheduledActionSpec[],
  fromMs: number,
  toMs: number,
): { runs: ScheduledRun[]; skipped: { name: string; reason: string }[] } {
  const runs: ScheduledRun[] = [];
  const skipped: { name: string; reason: string }[] = [];
  actions.forEach((action, order) => {
    const parsed = parseSchedule(action.Schedule);
    if (!parsed.schedule) {
      skipped.push({
        name: action.ScheduledActionName,
        reason: `its Schedule ${JSON.stringify(action.Schedule)} does not read`,
      });
      return;
    }
    const min = action.ScalableTargetAction?.MinCapacity;
    const max = action.ScalableTargetAction?.MaxCapacity;
    // A rate counts its intervals from StartTime, or (AWS) from when the action was created,
    // which a file does not say: without StartTime the simulator counts from the epoch, so the
    // runs sit on the rate's UTC grid (every 6 hours: 00:00, 06:00, …) wherever the window
    // starts, rather than on an offset of the window.
    const start = timestampInstant(action.StartTime) ?? (parsed.schedule.kind === 'rate' ? new Date(0) : undefined);
    const endTime = timestampInstant(action.EndTime);
    // Ask only up to the window's end: nextRuns walks until `count` runs or `end`.
    const end = new Date(Math.min(endTime?.getTime() ?? Infinity, toMs - 1));
    let after = new Date(fromMs - 1);
    try {
      // nextRuns answers at most MAX_RUNS at a time: ask again from the last one.
      for (;;) {
        const batch = nextRuns(parsed.schedule, {
          after,
          count: MAX_RUNS,
          ...(action.Timezone ? { timeZone: action.Timezone } : {}),
          ...(start ? { start } : {}),
          end,
        });
        for (const date of batch) {
          const time = date.getTime();
          if (time >= toMs) break;
          const run: ScheduledRun = { time, name: action.ScheduledActionName, order };
          if (typeof min === 'number') run.min = min;
          if (typeof max === 'number') run.max = max;
          runs.push(run);
        }
        const last = batch[batch.length - 1];
        if (batch.length < MAX_RUNS || !last || last.getTime() >= toMs) break;
        after = last;
      }
    } catch (error) {
      skipped.push({ name: action.ScheduledActionName, reason: (error as Error).message });
    }
  });
  runs.sort((a, b) => a.time - b.time || a.order - b.order);
  return { runs, skipped };
}
