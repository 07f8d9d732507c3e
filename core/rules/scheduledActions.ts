import { SCHEDULE_SEVERITY } from '../schedule/codes';
import type { Range } from '../finding';
import { removeMemberEdits } from '../document/edits';
import { has, member, type Prop, type ScalableTarget, type ScheduledAction } from '../document/model';
import { defineRule, type Rule } from '../lint/rule';
import { SAGEMAKER_DIMENSIONS } from '../facts/sagemaker';
import { parseTimestamp, type Timestamp } from '../document/timestamp';
import { headOf, insideString } from './locate';
import { wordsOf } from './words';

const actionMinLeMax = defineRule(
  {
    code: 'sched.action-min-le-max',
    severity: 'error',
    title: "A scheduled action's MinCapacity must not exceed its MaxCapacity",
    description: 'AWS rejects the action with "Maximum capacity cannot be less than minimum capacity".',
  },
  {
    scheduledAction(action, _target, ctx) {
      const min = action.action?.minCapacity;
      const max = action.action?.maxCapacity;
      if (min && max && min.value > max.value) {
        ctx.report({
          range: min.range,
          message: `This action sets MinCapacity ${min.value} above its MaxCapacity ${max.value}; AWS rejects it. Lower MinCapacity or raise MaxCapacity.`,
          related: [{ ...max.range, message: `MaxCapacity is ${max.value} here` }],
        });
      }
    },
  },
);

/** Where to point at a scheduled action as a whole: its name, else its opening brace. */
function actionAnchor(action: ScheduledAction): Range {
  return action.name?.range ?? headOf(action);
}

const actionNonEmpty = defineRule(
  {
    code: 'sched.action-nonempty',
    severity: 'error',
    title: 'A scheduled action sets MinCapacity, MaxCapacity or both',
    description:
      'A scheduled action changes the target\'s bounds, so its `ScalableTargetAction` must hold at least one of `MinCapacity` and `MaxCapacity`. AWS rejects the action otherwise ("At least one of minimum capacity and maximum capacity should be provided"). Also reported when `ScalableTargetAction` is missing, which the API model (and so the schema) allows.',
  },
  {
    scheduledAction(action, _target, ctx) {
      if (action.action?.minCapacity || action.action?.maxCapacity) return;
      if (!has(action, 'ScalableTargetAction')) {
        ctx.report({
          range: actionAnchor(action),
          message:
            'This scheduled action has no ScalableTargetAction, so it would change nothing; AWS rejects it. Add "ScalableTargetAction": { "MinCapacity": …, "MaxCapacity": … } with at least one of the two.',
        });
        return;
      }
      const targetAction = action.action;
      if (targetAction && !has(targetAction, 'MinCapacity') && !has(targetAction, 'MaxCapacity')) {
        ctx.report({
          range: headOf(targetAction),
          message:
            'ScalableTargetAction sets neither MinCapacity nor MaxCapacity; AWS rejects it ("At least one of minimum capacity and maximum capacity should be provided"). Add the bound this action should change.',
        });
      }
    },
  },
);

/** What the scheduled actions of one target set, for comparing one action with the others. */
export interface ScheduledBounds {
  /** Actions that set MinCapacity, and the lowest value they set. */
  minSetters: number;
  lowestMin?: Prop<number>;
  /** Actions that set MaxCapacity, and the highest value they set. */
  maxSetters: number;
  highestMax?: Prop<number>;
}

const NO_BOUNDS: Readonly<ScheduledBounds> = Object.freeze({ minSetters: 0, maxSetters: 0 });

/** Summarises the bounds a target's scheduled actions set (one pass over them). */
export function scheduledBounds(target: ScalableTarget): Readonly<ScheduledBounds> {
  if (target.scheduledActions.length === 0) return NO_BOUNDS;
  const bounds: ScheduledBounds = { minSetters: 0, maxSetters: 0 };
  for (const action of target.scheduledActions) {
    const min = action.action?.minCapacity;
    const max = action.action?.maxCapacity;
    if (min) {
      bounds.minSetters++;
      if (!bounds.lowestMin || min.value < bounds.lowestMin.value) bounds.lowestMin = min;
    }
    if (max) {
      bounds.maxSetters++;
      if (!bounds.highestMax || max.value > bounds.highestMax.value) bounds.highestMax = max;
    }
  }
  return bounds;
}

/** Whether a scheduled action raises MinCapacity above 0, which brings the target back from zero on schedule. */
export function scheduledWakeUp(target: ScalableTarget): boolean {
  return target.scheduledActions.some((a) => (a.action?.minCapacity?.value ?? 0) > 0);
}

/** Whether a scheduled action lowers MaxCapacity, below the target's own or another action's: a way to scale in. */
export function scheduleLowersMax(target: ScalableTarget): boolean {
  let highest = target.maxCapacity?.value ?? -Infinity;
  for (const action of target.scheduledActions)
    highest = Math.max(highest, action.action?.maxCapacity?.value ?? -Infinity);
  return target.scheduledActions.some(
    (a) => a.action?.maxCapacity !== undefined && a.action.maxCapacity.value < highest,
  );
}

/**
 * A one-sided scheduled action whose bound crosses the target's opposite bound. `others`
 * tells whether other scheduled actions on the target set that opposite bound: if none do,
 * the action is compared with the target alone (`sched.action-vs-target`); if some do but
 * none makes room, it is `sanity.sched-min-above-max`; if one makes room, the action can
 * work when that one runs first, and neither code reports it.
 */
export interface BoundCrossing {
  /** Which bound the action sets alone. */
  side: 'min' | 'max';
  value: Prop<number>;
  /** The target's opposite bound, which the value crosses. */
  targetBound: Prop<number>;
  others: 'none' | 'no-room';
  /** With `no-room`: the other actions' bound that comes nearest (their highest Max, or lowest Min). */
  nearest?: Prop<number>;
}

/** The crossing of one scheduled action with its target's bounds, or undefined when it has none. */
export function boundCrossing(
  action: ScheduledAction,
  target: ScalableTarget,
  bounds: ScheduledBounds,
): BoundCrossing | undefined {
  const targetAction = action.action;
  if (!targetAction) return undefined;
  const min = targetAction.minCapacity;
  const max = targetAction.maxCapacity;
  if (min && !has(targetAction, 'MaxCapacity') && target.maxCapacity && min.value > target.maxCapacity.value) {
    // This action sets no Max, so every Max setter is another action.
    if (bounds.maxSetters === 0) return { side: 'min', value: min, targetBound: target.maxCapacity, others: 'none' };
    if (bounds.highestMax!.value < min.value)
      return {
        side: 'min',
        value: min,
        targetBound: target.maxCapacity,
        others: 'no-room',
        nearest: bounds.highestMax,
      };
  }
  if (max && !has(targetAction, 'MinCapacity') && target.minCapacity && max.value < target.minCapacity.value) {
    if (bounds.minSetters === 0) return { side: 'max', value: max, targetBound: target.minCapacity, others: 'none' };
    if (bounds.lowestMin!.value > max.value)
      return { side: 'max', value: max, targetBound: target.minCapacity, others: 'no-room', nearest: bounds.lowestMin };
  }
  return undefined;
}

const actionVsTarget = defineRule(
  {
    code: 'sched.action-vs-target',
    severity: 'error',
    title: "A one-sided scheduled action stays within the target's other bound",
    description:
      "An action that sets only `MinCapacity` must not set it above the target's `MaxCapacity`, and one that sets only `MaxCapacity` must not set it below the target's `MinCapacity`: the new bounds would cross, and AWS asks for both values in that case. Reported when no other scheduled action on the target sets the opposite bound, so the comparison is with the target alone. When other actions set it but none makes room, `sanity.sched-min-above-max` reports instead; when one does, the action works if that one runs first, and neither code reports. Fix it by giving the action both bounds.",
  },
  {
    target(target, ctx) {
      if (target.scheduledActions.length === 0) return;
      const bounds = scheduledBounds(target);
      for (const action of target.scheduledActions) {
        const crossing = boundCrossing(action, target, bounds);
        if (crossing?.others !== 'none') continue;
        const { value, targetBound } = crossing;
        if (crossing.side === 'min') {
          ctx.report({
            range: value.range,
            message: `This action sets only MinCapacity ${value.value}, above the target's MaxCapacity ${targetBound.value}, and no other scheduled action raises MaxCapacity; the minimum would exceed the maximum. Add "MaxCapacity" (at least ${value.value}) to this action, or lower MinCapacity.`,
            related: [{ ...targetBound.range, message: `The target's MaxCapacity is ${targetBound.value} here` }],
          });
        } else {
          ctx.report({
            range: value.range,
            message: `This action sets only MaxCapacity ${value.value}, below the target's MinCapacity ${targetBound.value}, and no other scheduled action lowers MinCapacity; the maximum would fall below the minimum. Add "MinCapacity" (at most ${value.value}) to this action, or raise MaxCapacity.`,
            related: [{ ...targetBound.range, message: `The target's MinCapacity is ${targetBound.value} here` }],
          });
        }
      }
    },
  },
);

// SageMaker's ServerlessProvisionedConcurrency is at most 200 per serverless variant. Its
// minimum of 1 is not checked: Application Auto Scaling documents 0 as a valid minimum for
// serverless provisioned concurrency, and scheduling it down to 0 out of hours (on-demand
// serverless capacity only) is a sound way to save cost.
const PROVISIONED_CONCURRENCY_MAX = 200;

const actionNonNeg = defineRule(
  {
    code: 'sched.action-nonneg',
    severity: 'warning',
    title: 'Scheduled provisioned concurrency stays within what SageMaker provides',
    description:
      "Negative capacities are rejected by the schema. For a serverless variant (`sagemaker:variant:DesiredProvisionedConcurrency`), SageMaker provides at most 200 provisioned concurrency (and no more than the variant's `MaxConcurrency`), so a scheduled bound above 200 is almost surely a mistake. 0 is allowed: it turns provisioned concurrency off, leaving on-demand serverless capacity.",
  },
  {
    scheduledAction(action, target, ctx) {
      if (target.scalableDimension?.value !== SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency) return;
      for (const [key, prop] of [
        ['MinCapacity', action.action?.minCapacity],
        ['MaxCapacity', action.action?.maxCapacity],
      ] as const) {
        if (prop && prop.value > PROVISIONED_CONCURRENCY_MAX) {
          ctx.report({
            range: prop.range,
            message: `${key} ${prop.value} is more provisioned concurrency than a SageMaker serverless variant can have (at most ${PROVISIONED_CONCURRENCY_MAX}, and no more than its MaxConcurrency). Use ${PROVISIONED_CONCURRENCY_MAX} or less.`,
          });
        }
      }
    },
  },
);

const namespaceUnsupported = defineRule(
  {
    code: 'sched.namespace-unsupported',
    severity: 'error',
    title: 'Scheduled scaling is not available for Amazon MSK',
    description:
      'Application Auto Scaling does not support scheduled actions on Amazon MSK (`kafka`) broker storage. Scale it with a target-tracking policy instead.',
  },
  {
    target(target, ctx) {
      const ns = target.serviceNamespace;
      if (ns?.value !== 'kafka' || target.scheduledActions.length === 0) return;
      ctx.report({
        range: member(target, 'ScheduledActions')!.keyRange,
        message:
          'Scheduled scaling is not supported for Amazon MSK (kafka) targets; AWS rejects these actions. Remove ScheduledActions and scale broker storage with a target-tracking policy.',
        related: [{ ...ns.range, message: 'ServiceNamespace is kafka here' }],
      });
    },
  },
);

// StartTime/EndTime are read by several rules; each value is parsed once per check.
const parsedTimes = new WeakMap<Prop<string>, Timestamp | null>();

function timestampOf(prop: Prop<string> | undefined): Timestamp | undefined {
  if (!prop) return undefined;
  let parsed = parsedTimes.get(prop);
  if (parsed === undefined) {
    parsed = parseTimestamp(prop.value) ?? null;
    parsedTimes.set(prop, parsed);
  }
  return parsed ?? undefined;
}

const NO_TIMES: readonly ['StartTime' | 'EndTime', Prop<string>][] = Object.freeze([]);

/** The action's StartTime and EndTime with their names, for rules that treat both alike. */
function times(action: ScheduledAction): readonly ['StartTime' | 'EndTime', Prop<string>][] {
  if (!action.startTime && !action.endTime) return NO_TIMES; // most actions: nothing allocated
  const result: ['StartTime' | 'EndTime', Prop<string>][] = [];
  if (action.startTime) result.push(['StartTime', action.startTime]);
  if (action.endTime) result.push(['EndTime', action.endTime]);
  return result;
}

const AT_SCHEDULE = /^\s*at\(/;

function isAtSchedule(action: ScheduledAction): boolean {
  return action.schedule !== undefined && AT_SCHEDULE.test(action.schedule.value);
}

const timeInvalid = defineRule(
  {
    code: 'sched.time-invalid',
    severity: 'error',
    title: 'StartTime and EndTime name a real date and time',
    description:
      'The schema checks the shape of an ISO-8601 timestamp; this rule checks that the date and time exist (no month 13, no 30 February, no hour 24, an offset within ±23:59). A time that does not exist cannot be sent to AWS.',
  },
  {
    scheduledAction(action, _target, ctx) {
      for (const [key, prop] of times(action)) {
        const parsed = timestampOf(prop);
        if (parsed?.ok !== false) continue;
        ctx.report({
          range: insideString(ctx.text, prop, parsed.start, parsed.end - parsed.start),
          message: `${key} "${prop.value}" is not a real date and time: ${parsed.problem}. Write a date and time that exists.`,
        });
      }
    },
  },
);

const startEndUtc = defineRule(
  {
    code: 'sched.start-end-utc',
    severity: 'warning',
    title: 'StartTime and EndTime say they are in UTC',
    description:
      "AWS reads `StartTime` and `EndTime` in UTC; the action's `Timezone` applies to its schedule only. A time written without `Z` or an offset looks local but is taken as UTC (by AWS's tools and by apply). The quick fix appends `Z`, which keeps that meaning; write an offset such as `+01:00` instead if a local time was meant. Not reported on `at()` schedules, where `sched.start-end-with-at` reports the times as pointless.",
  },
  {
    scheduledAction(action, _target, ctx) {
      if (isAtSchedule(action)) return;
      for (const [key, prop] of times(action)) {
        const parsed = timestampOf(prop);
        if (!parsed?.ok || parsed.hasOffset) continue;
        const zone = action.timezone ? ` (Timezone ${action.timezone.value} does not apply to it)` : '';
        const suffix = parsed.dateOnly ? 'T00:00:00Z' : 'Z';
        const what = parsed.dateOnly
          ? 'has no time of day or time zone; AWS reads it as midnight UTC'
          : 'has no time zone; AWS reads it as UTC';
        ctx.report({
          range: prop.range,
          message: `${key} "${prop.value}" ${what}${zone}. Append "${suffix}" to say so, or write an offset such as "+01:00" if you meant a local time.`,
          fixes: [
            {
              title: `Mark ${key} as UTC ("${prop.value}${suffix}")`,
              edits: [{ start: prop.range.end - 1, end: prop.range.end - 1, newText: suffix }],
            },
          ],
        });
      }
    },
  },
);

const endAfterStart = defineRule(
  {
    code: 'sched.end-after-start',
    severity: 'error',
    title: 'EndTime is after StartTime',
    description:
      'A scheduled action is active from `StartTime` to `EndTime`; an `EndTime` at or before `StartTime` leaves it no time to run. Times without an offset are compared as UTC, as AWS reads them.',
  },
  {
    scheduledAction(action, _target, ctx) {
      const { startTime, endTime } = action;
      const start = timestampOf(startTime);
      const end = timestampOf(endTime);
      if (!start?.ok || !end?.ok || end.epochMs > start.epochMs) return;
      const how = end.epochMs === start.epochMs ? 'the same instant as' : 'before';
      ctx.report({
        range: endTime!.range,
        message: `EndTime "${endTime!.value}" is ${how} StartTime "${startTime!.value}", so the action never has a time to run. Move EndTime after StartTime.`,
        related: [{ ...startTime!.range, message: 'StartTime is here' }],
      });
    },
  },
);

const startEndWithAt = defineRule(
  {
    code: 'sched.start-end-with-at',
    severity: 'warning',
    title: 'StartTime and EndTime are for recurring schedules',
    description:
      '`StartTime` and `EndTime` bound when a recurring `cron()` or `rate()` schedule may run. An `at()` schedule runs once at its own time, so they add nothing there; remove them.',
  },
  {
    scheduledAction(action, _target, ctx) {
      if (!isAtSchedule(action)) return;
      for (const [key, prop] of times(action)) {
        ctx.report({
          range: { start: prop.keyRange.start, end: prop.range.end },
          message: `An at() schedule runs once, at its own time; ${key} only bounds recurring cron() or rate() schedules, so it has no effect here. Remove it.`,
          unnecessary: true,
          related: [{ ...action.schedule!.range, message: 'The one-time schedule is here' }],
          fixes: [{ title: `Remove ${key}`, edits: removeMemberEdits(action.item, prop) }],
        });
      }
    },
  },
);

const endInPast = defineRule(
  {
    code: 'sched.end-in-past',
    severity: SCHEDULE_SEVERITY['sched.end-in-past'],
    title: 'EndTime is not in the past',
    description:
      'After its `EndTime` a scheduled action never runs again, so an `EndTime` in the past leaves a dead action. Move `EndTime` forward, or delete the action. Not reported on `at()` schedules (see `sched.start-end-with-at`).',
  },
  {
    scheduledAction(action, _target, ctx) {
      const end = timestampOf(action.endTime);
      if (!end?.ok || end.epochMs >= ctx.now.getTime() || isAtSchedule(action)) return;
      ctx.report({
        range: action.endTime!.range,
        message: `EndTime "${action.endTime!.value}" is in the past (it is now ${ctx.now.toISOString().slice(0, 16)}Z UTC), so this action will not run again. Move EndTime forward, or delete the action if it has served its purpose.`,
      });
    },
  },
);

// ---------------------------------------------------------------------------------------
// sched.name-contradicts-action

const UP_WORDS = new Set(['up', 'increase', 'raise', 'grow', 'scaleup', 'scaleout']);
const DOWN_WORDS = new Set(['down', 'decrease', 'lower', 'reduce', 'shrink', 'scaledown', 'scalein']);

// A name with none of the direction words, as a word of its own (after a separator or as a
// capitalised word), says nothing: most names are let go without splitting them.
const MAY_NAME_DIRECTION =
  /(?:^|[^A-Za-z])(?:up|down|in|out|increase|decrease|raise|lower|reduce|grow|shrink|scale(?:up|down|in|out))|(?:Up|Down|In|Out|Increase|Decrease|Raise|Lower|Reduce|Grow|Shrink)/;

// Names repeat from one check of a file to the next (the editor checks on every edit): each
// is read once. Bounded: cleared when full.
const directions = new Map<string, 'up' | 'down' | null>();

/** The direction an action's name announces: "scale out", "scale-up", "increase" … or none. */
function namedDirection(name: string): 'up' | 'down' | undefined {
  if (!MAY_NAME_DIRECTION.test(name)) return undefined;
  let direction = directions.get(name);
  if (direction === undefined) {
    direction = readDirection(name) ?? null;
    if (directions.size >= 5000) directions.clear();
    directions.set(name, direction);
  }
  return direction ?? undefined;
}

function readDirection(name: string): 'up' | 'down' | undefined {
  const words = wordsOf(name);
  // "scale" and the word after it decide ("ScaleOutInMorning" is a scale-out in the morning).
  const at = words.indexOf('scale');
  if (at >= 0) {
    const next = words[at + 1];
    if (next === 'out' || next === 'up') return 'up';
    if (next === 'in' || next === 'down') return 'down';
  }
  const up = words.some((w) => UP_WORDS.has(w));
  const down = words.some((w) => DOWN_WORDS.has(w));
  return up === down ? undefined : up ? 'up' : 'down';
}

/** Which way an action moves the target's bounds from the target's own: up, down, or neither clearly. */
function movedDirection(
  action: ScheduledAction,
  target: ScalableTarget,
): { way: 'up' | 'down'; words: string } | undefined {
  const min = action.action?.minCapacity;
  const max = action.action?.maxCapacity;
  const ownMin = target.minCapacity?.value;
  const ownMax = target.maxCapacity?.value;
  const minMove = min && ownMin !== undefined ? Math.sign(min.value - ownMin) : 0;
  const maxMove = max && ownMax !== undefined ? Math.sign(max.value - ownMax) : 0;
  const parts: string[] = [];
  if (minMove !== 0) parts.push(`MinCapacity from ${ownMin} to ${min!.value}`);
  if (maxMove !== 0) parts.push(`MaxCapacity from ${ownMax} to ${max!.value}`);
  if (minMove >= 0 && maxMove >= 0 && minMove + maxMove > 0) return { way: 'up', words: parts.join(' and ') };
  if (minMove <= 0 && maxMove <= 0 && minMove + maxMove < 0) return { way: 'down', words: parts.join(' and ') };
  return undefined;
}

const nameContradictsAction = defineRule(
  {
    code: 'sched.name-contradicts-action',
    severity: 'warning',
    title: 'A scheduled action does what its name says',
    description:
      "An action named to scale out or up (`ScaleOutInMorning`, `scale-up-weekdays`) should raise the target's bounds, and one named to scale in or down should lower them. When the name says one thing and the capacities the other, the capacities are usually the ones swapped between two actions: the endpoint then runs large at night and small by day. Compared with the target's own `MinCapacity` and `MaxCapacity`; an action that raises one bound and lowers the other is not judged.",
  },
  {
    scheduledAction(action, target, ctx) {
      const name = action.name;
      const said = name && namedDirection(name.value);
      if (!said) return;
      const moved = movedDirection(action, target);
      if (!moved || moved.way === said) return;
      const says = said === 'up' ? 'scales out' : 'scales in';
      const does = moved.way === 'up' ? 'raises' : 'lowers';
      const effect = moved.way === 'up' ? 'grows' : 'shrinks';
      ctx.report({
        range: name.range,
        message: `The name "${name.value}" says this action ${says}, but it ${does} ${moved.words}: the target ${effect} when it runs. The capacities may be swapped with another action's; set them to match the name, or rename the action.`,
        related: [{ ...action.action!.range, message: 'what the action sets' }],
      });
    },
  },
);

export const scheduledActionRules: Rule[] = [
  actionMinLeMax,
  actionNonEmpty,
  actionVsTarget,
  actionNonNeg,
  namespaceUnsupported,
  timeInvalid,
  startEndUtc,
  endAfterStart,
  startEndWithAt,
  endInPast,
  nameContradictsAction,
];
