// The simulation: one pass over a 10-second grid through one scalable target, the way
// Application Auto Scaling, CloudWatch and SageMaker would run it. Each tick:
//   1. a scaling activity whose time is up completes (instances InService; cooldown starts);
//   2. scheduled actions due run (or, the endpoint Updating, retry each minute);
//   3. alarms due are evaluated; those in a state whose actions hold a policy (ALARM, or OK
//      for a step policy's TriggerPolicyOn) invoke it, and the decisions are arbitrated (any
//      target-tracking policy may scale out, scale-in needs every one with scale-in enabled
//      to agree, the largest capacity wins; a step policy's scale-in is not vetoed:
//      https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#multiple-target-tracking-policies).
//      A step policy several of whose alarms invoke it at once is invoked once per alarm, in
//      the file's order, each invocation seeing what the one before did;
//   4. the tick's demand is served by the capacity InService, which makes the metrics.
// Everything is compiled and allocated before the loop; the loop writes into typed arrays
// and allocates only for an event (a scaling decision), never per tick.
import type { TargetState } from '../plan/liveState';
import type { AlarmRuntime } from './alarm';
import { Cooldowns } from './cooldown';
import { isoTime } from './duration';
import { MetricSources, type MetricSource } from './metrics';
import { checkedParameters } from './parameters';
import { scheduledRuns, type ScheduledRun } from './scheduled';
import { adjustedCapacity, compileStepPolicy, findStep, type StepPolicy } from './step';
import { SummaryBuilder } from './summary';
import { compileTargetTracking, targetTrackingCapacity, type TargetTrackingPolicy } from './targetTracking';
import {
  ALARM,
  ALARM_STATE_NAMES,
  CONCURRENCY,
  INVOCATIONS,
  MINUTE_MS,
  TICK_MS,
  type Load,
  type LoadColumn,
  type NotSimulated,
  type SimulationEvent,
  type SimulationParameters,
  type SimulationResult,
  type SimulationSeries,
} from './types';

type Policy = TargetTrackingPolicy | StepPolicy;

/** An alarm and the policy it invokes. */
interface Trigger {
  alarm: AlarmRuntime;
  policy: number;
  role: 'high' | 'low' | 'step';
  /** The alarm states that invoke the policy, one bit each (1 << ALARM, 1 << OK). */
  invokesIn: number;
  reinvokeMs: number;
  lastInvoked: number;
  invoked: boolean;
  /** Which of its policy's invocations in this evaluation this is (0 the first): a later pass sees what an earlier one did. */
  pass: number;
}

/** Reads a load column as a step function of time, forward only. */
class Cursor {
  private j = 0;
  constructor(private readonly column: LoadColumn | undefined) {}
  at(t: number): number {
    const c = this.column;
    if (!c) return NaN;
    const times = c.times;
    const last = times.length - 1;
    if (last < 0 || t < times[0]!) return NaN;
    while (this.j < last && times[this.j + 1]! <= t) this.j++;
    if (this.j === last && t >= times[last]! + c.intervalMs) return NaN;
    return c.values[this.j]!;
  }
}

// Why a decision did not scale; the words are built only when the event is new.
const enum Blocked {
  Updating,
  ScaleInCooldown,
  ScaleOutCooldown,
  AtMax,
  AtMin,
  AtDesired,
  NoAgreement,
  SuspendedOut,
  SuspendedIn,
  SuspendedScheduled,
  NoStep,
  ZeroStep,
  NoDatapoint,
  Deferred,
  BadBounds,
  Flapping,
}

const SAGEMAKER_VARIANT = 'sagemaker:variant:DesiredInstanceCount';

/**
 * Simulates one scalable target (in the API's shapes: `desiredFromText(...).targets[i]`)
 * under a load. Deterministic; never throws for a well-typed input.
 */
export function simulate(
  target: TargetState,
  load: Load,
  given: Partial<SimulationParameters> & Pick<SimulationParameters, 'startMs' | 'durationMs'>,
): SimulationResult {
  const { parameters: p, notes } = checkedParameters(given);
  const startMs = Math.floor(p.startMs / MINUTE_MS) * MINUTE_MS;
  const minutes = Math.max(1, Math.ceil((p.startMs + p.durationMs - startMs) / MINUTE_MS));
  const endMs = startMs + minutes * MINUTE_MS;
  const ticks = minutes * 6;
  const notSimulated: NotSimulated[] = [];

  // ---- Bounds and capacity -------------------------------------------------------------
  const dimension = target.ScalableDimension;
  const isVariant = dimension === SAGEMAKER_VARIANT;
  if (target.ServiceNamespace !== 'sagemaker')
    notes.push(
      `The simulator models SageMaker; ${target.ServiceNamespace} targets are run with SageMaker's timings and metrics.`,
    );
  // An instance-based variant cannot go below one instance; only an inference component
  // scales to zero (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
  const floor = isVariant ? 1 : 0;
  let min = Math.max(floor, target.MinCapacity ?? floor);
  let max = Math.max(min, target.MaxCapacity ?? min);
  if (isVariant && target.MinCapacity === 0)
    notes.push(
      'A variant keeps at least one instance: MinCapacity 0 is simulated as 1 (scale to zero needs an inference component).',
    );
  const suspended = target.SuspendedState ?? {};

  // ---- Scheduled actions ---------------------------------------------------------------
  const lookbackMs = p.scheduleLookbackDays * 86_400_000;
  const schedule = scheduledRuns(target.ScheduledActions, startMs - lookbackMs, endMs);
  for (const skipped of schedule.skipped)
    notes.push(`Scheduled action ${skipped.name} is left out: ${skipped.reason}.`);
  const delayMs = p.scheduleDelaySeconds * 1000;
  let runIndex = 0;
  const runs = schedule.runs;
  // Runs before the window set the bounds in force at its start.
  for (; runIndex < runs.length && runs[runIndex]!.time + delayMs < startMs; runIndex++) {
    const run = runs[runIndex]!;
    if (suspended.ScheduledScalingSuspended) continue;
    const nextMin = Math.max(floor, run.min ?? min);
    const nextMax = run.max ?? max;
    if (nextMin > nextMax) continue;
    if (nextMin !== min || nextMax !== max)
      notes.push(
        `At the start, MinCapacity ${nextMin} and MaxCapacity ${nextMax} are in force: scheduled action ${run.name} ran at ${new Date(run.time).toISOString()}.`,
      );
    min = nextMin;
    max = nextMax;
  }
  let desired = p.initialCapacity ?? min;
  if (desired < min || desired > max) {
    const clamped = Math.min(max, Math.max(min, desired));
    notes.push(
      `The initial capacity ${desired} is outside MinCapacity ${min} – MaxCapacity ${max}: it starts at ${clamped}.`,
    );
    desired = clamped;
  }
  let inService = desired;

  // ---- Load and metrics ----------------------------------------------------------------
  const columns = new Map<string, LoadColumn>();
  for (const column of load.columns) columns.set(column.name, column);
  const short = shortColumns(load.columns, startMs, endMs);
  if (short) notes.push(short);
  const sources = new MetricSources(
    startMs,
    columns,
    { standardMs: p.metricLagSeconds * 1000, highResolutionMs: p.highResolutionMetricLagSeconds * 1000 },
    p.legacyNoZero,
  );

  // ---- Policies ------------------------------------------------------------------------
  const policies: Policy[] = [];
  for (const spec of target.ScalingPolicies) {
    if (spec.PolicyType === 'TargetTrackingScaling') {
      const compiled = compileTargetTracking(spec, target.ResourceId, sources, p);
      if ('kind' in compiled) policies.push(compiled);
      else notSimulated.push({ policy: spec.PolicyName, ...compiled });
    } else if (spec.PolicyType === 'StepScaling') {
      const compiled = compileStepPolicy(spec, sources, p);
      if ('kind' in compiled) policies.push(compiled);
      else if ('never' in compiled) notes.push(`Step policy ${spec.PolicyName}: ${compiled.never}.`);
      else notSimulated.push({ policy: spec.PolicyName, ...compiled });
    } else if (spec.PolicyType === 'PredictiveScaling') {
      notSimulated.push({
        policy: spec.PolicyName,
        reason: 'predictive scaling is not simulated (Application Auto Scaling offers it for ECS only)',
      });
    } else {
      notSimulated.push({
        policy: spec.PolicyName,
        reason: `its PolicyType ${JSON.stringify(spec.PolicyType)} is unknown`,
      });
    }
  }
  const triggers: Trigger[] = [];
  const reinvokeFor = (alarm: AlarmRuntime) =>
    alarm.spec.periodMs < MINUTE_MS ? Math.max(TICK_MS, p.highResolutionReinvokeSeconds * 1000) : MINUTE_MS;
  policies.forEach((policy, index) => {
    const add = (alarm: AlarmRuntime, role: Trigger['role'], states: readonly number[]) =>
      triggers.push({
        alarm,
        policy: index,
        role,
        invokesIn: states.reduce((bits, state) => bits | (1 << state), 0),
        reinvokeMs: reinvokeFor(alarm),
        lastInvoked: -Infinity,
        invoked: false,
        pass: 0,
      });
    if (policy.kind === 'targetTracking') {
      add(policy.high, 'high', [ALARM]);
      if (policy.low) add(policy.low, 'low', [ALARM]);
    } else for (const { alarm, invokesIn } of policy.alarms) add(alarm, 'step', invokesIn);
  });
  // Per policy, how many of its alarms invoked it in this evaluation.
  const invocationsOf = new Int32Array(policies.length);
  const targetTracking = policies.filter((x): x is TargetTrackingPolicy => x.kind === 'targetTracking');

  // Cursors: one per source, and the two demand columns for the series and summary.
  const invocationsCursor = new Cursor(columns.get(INVOCATIONS));
  const concurrencyCursor = new Cursor(columns.get(CONCURRENCY));
  const sourceList: MetricSource[] = sources.all;
  const sourceCursors = sourceList.map((s) => new Cursor(columns.get(s.input)));
  const ticksPerSample = sourceList.map((s) => s.emissionMs / TICK_MS);
  sourceList.forEach((s, i) => s.allocate(sourceCursors[i]!.at(startMs), inService));
  for (const trigger of triggers) trigger.alarm.evaluate(startMs);

  // ---- Output --------------------------------------------------------------------------
  const series: SimulationSeries = {
    startMs,
    length: minutes,
    invocations: new Float64Array(minutes),
    concurrency: new Float64Array(minutes),
    desired: new Float64Array(minutes),
    inService: new Float64Array(minutes),
    min: new Float64Array(minutes),
    max: new Float64Array(minutes),
    metrics: sourceList.map((s) => ({ name: s.name, values: new Float64Array(minutes) })),
    alarms: triggers.map((t) => ({
      name: t.alarm.spec.name,
      policy: policies[t.policy]!.name,
      states: new Uint8Array(minutes),
    })),
  };
  const events: SimulationEvent[] = [];
  const names = [...policies.map((x) => x.name), ...target.ScheduledActions.map((a) => a.ScheduledActionName)];
  const lastEventOf = new Int32Array(names.length).fill(-1);
  const lastBlockedOf = new Int32Array(names.length).fill(-1);
  // The demand the summary measures: invocations when the load has them, else concurrency.
  const demandName = columns.has(INVOCATIONS) ? INVOCATIONS : columns.has(CONCURRENCY) ? CONCURRENCY : undefined;
  const demandTarget = targetTracking.find((tt) => demandSource(tt) === demandName);
  const summary = new SummaryBuilder(p, demandTarget?.target, demandName === INVOCATIONS, demandName !== undefined);

  // ---- State ---------------------------------------------------------------------------
  const cooldowns = new Cooldowns();
  // The activity in progress (the endpoint is Updating until `end`). Typed through a
  // function so that TypeScript does not narrow it to null: closures below assign it.
  let activity = noActivity();
  let runAttemptAt = runIndex < runs.length ? runs[runIndex]!.time + delayMs : Infinity;

  const event = (
    time: number,
    kind: SimulationEvent['kind'],
    source: number,
    from: number,
    to: number,
    reason: string,
    completesAt?: number,
  ) => {
    const e: SimulationEvent = { time, kind, source: names[source]!, from, to, reason };
    if (completesAt !== undefined) e.completesAt = completesAt;
    lastEventOf[source] = events.length;
    events.push(e);
    if (kind === 'not-scaled') summary.notScaled++;
  };

  /** A decision that did not scale; repeats of the same reason extend the last one. */
  const blocked = (
    time: number,
    source: number,
    why: Blocked,
    to: number,
    detail: string | number = '',
    alarm?: AlarmRuntime,
  ) => {
    const last = lastEventOf[source]!;
    if (last >= 0 && lastBlockedOf[source] === why && events[last]!.kind === 'not-scaled') {
      events[last]!.until = time;
      return;
    }
    lastBlockedOf[source] = why;
    event(time, 'not-scaled', source, desired, to, blockedReason(why, detail, alarm));
  };

  const start = (time: number, source: number, to: number, reason: string, cooldownMs: number, scheduled: boolean) => {
    const out = to > desired;
    const end = time + (out ? p.provisioningSeconds : p.deprovisioningSeconds) * 1000;
    const base = out && cooldowns.inScaleOutCooldown(time) ? cooldowns.outBase : desired;
    event(time, scheduled ? 'scheduled' : out ? 'scale-out' : 'scale-in', source, desired, to, reason, end);
    lastBlockedOf[source] = -1;
    if (out) {
      cooldowns.scaleOutStarted();
      summary.scaleOuts += scheduled ? 0 : 1;
    } else {
      inService = to; // instances leave service at once; the activity completes after the delay
      summary.scaleIns += scheduled ? 0 : 1;
    }
    if (scheduled) summary.scheduled++;
    desired = to;
    activity = { end, out, to, cooldownMs: scheduled ? 0 : cooldownMs, base };
    if (end <= time) complete();
  };

  const complete = () => {
    const a = activity!;
    activity = null;
    if (a.out) {
      inService = a.to;
      if (a.cooldownMs > 0) cooldowns.scaledOut(a.end, a.cooldownMs, a.base);
    } else if (a.cooldownMs > 0) cooldowns.scaledIn(a.end, a.cooldownMs);
  };

  const clamp = (capacity: number) => Math.min(max, Math.max(min, capacity));

  // The capacities a decision settles on, one per direction; allocated once, cleared per decision.
  const bestOut: Choice = { to: -1, trigger: undefined, cooldownMs: 0 };
  const bestIn: Choice = { to: -1, trigger: undefined, cooldownMs: 0 };

  /** The capacity a target-tracking policy asks for on this alarm, or NaN. */
  const ttCapacity = (tt: TargetTrackingPolicy, alarm: AlarmRuntime, scaleIn: boolean) => {
    let capacity = targetTrackingCapacity(tt, alarm, p.targetTrackingMetricPick);
    if (scaleIn && p.targetTrackingScaleInMaxStep !== undefined)
      capacity = Math.max(capacity, desired - p.targetTrackingScaleInMaxStep);
    return capacity;
  };

  const cause = (alarm: AlarmRuntime, policy: number) =>
    `monitor alarm ${alarm.spec.name} in state ${ALARM_STATE_NAMES[alarm.state]} triggered policy ${names[policy]}`;

  // ---- The loop ------------------------------------------------------------------------
  for (let i = 0; i < ticks; i++) {
    const t = startMs + i * TICK_MS;

    if (activity !== null && t >= activity.end) complete();

    // Scheduled actions, in order; one that needs the endpoint while it is Updating waits.
    while (t >= runAttemptAt) {
      const run = runs[runIndex]!;
      const source = policies.length + run.order;
      if (!runScheduled(t, run, source)) {
        runAttemptAt = t + p.scheduleRetrySeconds * 1000;
        break;
      }
      runIndex++;
      runAttemptAt = runIndex < runs.length ? Math.max(t, runs[runIndex]!.time + delayMs) : Infinity;
    }

    // Alarms and policies. An alarm invokes its policy on entering a state whose actions
    // hold it, and again each minute while it stays there (Auto Scaling actions repeat:
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions).
    let passes = 0;
    invocationsOf.fill(0);
    for (const trigger of triggers) {
      trigger.invoked = false;
      if ((t - startMs) % trigger.alarm.evaluationIntervalMs !== 0) continue;
      const changed = trigger.alarm.evaluate(t);
      if (
        (trigger.invokesIn >> trigger.alarm.state) & 1 &&
        (changed || t - trigger.lastInvoked >= trigger.reinvokeMs)
      ) {
        trigger.invoked = true;
        trigger.lastInvoked = t;
        // A target-tracking policy's two alarms are one policy's view (never both in ALARM
        // on one datapoint); a step policy's alarms each invoke it.
        trigger.pass = trigger.role === 'step' ? invocationsOf[trigger.policy]!++ : 0;
        passes = Math.max(passes, trigger.pass + 1);
      }
    }
    // The first invocation of each policy is arbitrated with the others as before; a step
    // policy's second alarm in the same evaluation invokes it again after that decision.
    for (let pass = 0; pass < passes; pass++) decide(t, pass);

    // Demand served by what is InService makes the metrics.
    for (let s = 0; s < sourceList.length; s++) {
      const source = sourceList[s]!;
      source.addTick(sourceCursors[s]!.at(t), inService);
      const per = ticksPerSample[s]!;
      if ((i + 1) % per === 0) source.close((i + 1) / per - 1, inService);
    }
    const rate = invocationsCursor.at(t);
    const concurrency = concurrencyCursor.at(t);
    const demand = demandName === INVOCATIONS ? rate : demandName === CONCURRENCY ? concurrency : NaN;
    summary.tick(t, inService, desired, demand, min, max);

    if ((i + 1) % 6 === 0) {
      const m = (i + 1) / 6 - 1;
      series.desired[m] = desired;
      series.inService[m] = inService;
      series.min[m] = min;
      series.max[m] = max;
      series.invocations[m] = accumulate(series.invocations, m, rate, 6, true);
      series.concurrency[m] = accumulate(series.concurrency, m, concurrency, 6, true);
      for (let s = 0; s < sourceList.length; s++) series.metrics[s]!.values[m] = sourceList[s]!.takeMinute();
      for (let a = 0; a < triggers.length; a++) series.alarms[a]!.states[m] = triggers[a]!.alarm.state;
    } else {
      const m = Math.floor(i / 6);
      accumulate(series.invocations, m, rate, i % 6, false);
      accumulate(series.concurrency, m, concurrency, i % 6, false);
    }
  }

  /** Runs a scheduled action at t; false when it must wait for the endpoint. */
  function runScheduled(t: number, run: ScheduledRun, source: number): boolean {
    if (suspended.ScheduledScalingSuspended) {
      blocked(t, source, Blocked.SuspendedScheduled, desired);
      return true;
    }
    const nextMin = Math.max(floor, run.min ?? min);
    const nextMax = run.max ?? max;
    if (nextMin > nextMax) {
      blocked(t, source, Blocked.BadBounds, desired, `MinCapacity ${nextMin} above MaxCapacity ${nextMax}`);
      return true;
    }
    const to = Math.min(nextMax, Math.max(nextMin, desired));
    if (to !== desired && activity !== null) {
      blocked(t, source, Blocked.Deferred, to);
      return false;
    }
    const was = `MinCapacity ${min} → ${nextMin}, MaxCapacity ${max} → ${nextMax}`;
    min = nextMin;
    max = nextMax;
    const reason = `scheduled action ${run.name} set ${was}`;
    if (to === desired) {
      event(t, 'scheduled', source, desired, desired, reason);
      summary.scheduled++;
    } else start(t, source, to, `${reason}: capacity ${to > desired ? 'raised to Min' : 'lowered to Max'}`, 0, true);
    return true;
  }

  /** Collects the capacities of the policies invoked in this pass and applies the winner, or says why not. */
  function decide(t: number, pass: number): void {
    choose(bestOut, -1, undefined, 0);
    choose(bestIn, -1, undefined, 0);
    let ttInInvoked = false;

    for (const trigger of triggers) {
      if (!trigger.invoked || trigger.pass !== pass) continue;
      const policy = policies[trigger.policy]!;
      if (policy.kind === 'targetTracking') {
        if (trigger.role === 'low') {
          ttInInvoked = true;
          continue;
        }
        const wanted = ttCapacity(policy, trigger.alarm, false);
        if (Number.isNaN(wanted)) {
          blocked(t, trigger.policy, Blocked.NoDatapoint, desired);
          continue;
        }
        const to = clamp(wanted);
        if (to > desired) offer(bestOut, to, trigger, policy.scaleOutCooldownMs);
        else if (activity === null && wanted > max) blocked(t, trigger.policy, Blocked.AtMax, wanted);
        // Otherwise the capacity it asks for is there already (its datapoints predate the
        // instances added): nothing was blocked, nothing is logged.
        continue;
      }
      // A step policy: the breach of the aggregated datapoints sizes the step.
      const aggregated = trigger.alarm.pick(
        policy.config.aggregation === 'Average' ? 'mean' : policy.config.aggregation === 'Maximum' ? 'max' : 'min',
        false,
      );
      if (Number.isNaN(aggregated)) {
        blocked(t, trigger.policy, Blocked.NoDatapoint, desired);
        continue;
      }
      const breach = aggregated - trigger.alarm.spec.threshold;
      const step = findStep(policy.config.steps, breach);
      if (!step) {
        // No step holds the breach (the alarm's state and the steps' signs disagree): AWS
        // makes no adjustment. Which alarm, in which state, says where to look.
        blocked(t, trigger.policy, Blocked.NoStep, desired, breach, trigger.alarm);
        continue;
      }
      const { adjustmentType, minAdjustmentMagnitude } = policy.config;
      let wanted = adjustedCapacity(adjustmentType, desired, step.adjustment, minAdjustmentMagnitude);
      if (wanted > desired && cooldowns.inScaleOutCooldown(t) && adjustmentType !== 'ExactCapacity') {
        // The capacity the cooldown's activity added counts: size the step from before it.
        wanted = adjustedCapacity(adjustmentType, cooldowns.outBase, step.adjustment, minAdjustmentMagnitude);
        if (wanted <= desired) {
          blocked(t, trigger.policy, Blocked.ScaleOutCooldown, wanted);
          continue;
        }
      }
      const to = clamp(wanted);
      if (to > desired) offer(bestOut, to, trigger, policy.config.cooldownMs);
      else if (to < desired) offer(bestIn, to, trigger, policy.config.cooldownMs);
      else if (activity === null)
        blocked(
          t,
          trigger.policy,
          wanted > max
            ? Blocked.AtMax
            : wanted < min
              ? Blocked.AtMin
              : step.adjustment === 0
                ? Blocked.ZeroStep
                : Blocked.AtDesired,
          wanted,
        );
    }

    // Target-tracking scale-in: only when every policy with scale-in enabled is ready.
    if (ttInInvoked) {
      let agree = true;
      let best = -1;
      let bestPolicy = -1;
      let holdout = '';
      for (const tt of targetTracking) {
        if (!tt.low) continue;
        const index = policies.indexOf(tt);
        const wanted = tt.low.state === ALARM ? ttCapacity(tt, tt.low, true) : NaN;
        const to = clamp(wanted);
        if (Number.isNaN(wanted) || to >= desired) {
          agree = false;
          holdout = tt.name;
          continue;
        }
        if (to > best) {
          best = to;
          bestPolicy = index;
        }
      }
      for (const trigger of triggers) {
        if (!trigger.invoked || trigger.role !== 'low') continue;
        const tt = policies[trigger.policy] as TargetTrackingPolicy;
        if (!agree) {
          if (activity !== null) continue;
          const wanted = ttCapacity(tt, trigger.alarm, true);
          const own = clamp(wanted);
          if (holdout === tt.name)
            blocked(t, trigger.policy, wanted < min && desired === min ? Blocked.AtMin : Blocked.Flapping, own);
          else blocked(t, trigger.policy, Blocked.NoAgreement, own, holdout);
        } else if (best > bestIn.to || (best === bestIn.to && trigger.policy === bestPolicy)) {
          // All agree: the invoked policy scales in to the largest capacity any of them asks
          // for (credited to the policy that asked for it when that one was invoked too).
          choose(bestIn, best, trigger, tt.scaleInCooldownMs);
        }
      }
    }

    // The largest capacity wins: a scale-out over any scale-in.
    const { to: outTo, trigger: outBy } = bestOut;
    const { to: inTo, trigger: inBy } = bestIn;
    if (outBy && outTo > desired) {
      const source = outBy.policy;
      if (suspended.DynamicScalingOutSuspended) blocked(t, source, Blocked.SuspendedOut, outTo);
      else if (activity !== null) blocked(t, source, Blocked.Updating, outTo);
      else start(t, source, outTo, cause(outBy.alarm, source), bestOut.cooldownMs, false);
    } else if (inBy && inTo < desired) {
      const source = inBy.policy;
      if (suspended.DynamicScalingInSuspended) blocked(t, source, Blocked.SuspendedIn, inTo);
      else if (activity !== null) blocked(t, source, Blocked.Updating, inTo);
      else if (cooldowns.inScaleInCooldown(t)) blocked(t, source, Blocked.ScaleInCooldown, inTo, cooldowns.inUntil);
      else start(t, source, inTo, cause(inBy.alarm, source), bestIn.cooldownMs, false);
    }
  }

  for (const source of sourceList) summary.metric(source.name, source.highest);

  return {
    target: target.ResourceId,
    startMs,
    endMs,
    stepSeconds: TICK_MS / 1000,
    parameters: p,
    series,
    events,
    summary: summary.finish(),
    notSimulated,
    notes,
  };
}

/** The capacity one direction of a decision settles on, the alarm and policy (`trigger`) that asked for it, and that policy's cooldown. */
interface Choice {
  to: number;
  trigger: Trigger | undefined;
  cooldownMs: number;
}

function choose(c: Choice, to: number, trigger: Trigger | undefined, cooldownMs: number): void {
  c.to = to;
  c.trigger = trigger;
  c.cooldownMs = cooldownMs;
}

/** Takes `to` when it is more than the direction holds: the largest capacity wins. */
function offer(c: Choice, to: number, trigger: Trigger, cooldownMs: number): void {
  if (to > c.to) choose(c, to, trigger, cooldownMs);
}

/** A scaling activity in progress: capacity `to`, complete at `end`; `base` is the capacity before it. */
interface Activity {
  end: number;
  out: boolean;
  to: number;
  cooldownMs: number;
  base: number;
}

function noActivity(): Activity | null {
  return null;
}

/** Per-minute series of a 10-second input: the mean of the minute's ticks (NaN when any is missing). */
function accumulate(into: Float64Array, m: number, value: number, index: number, last: boolean): number {
  const sum = index === 0 ? value : into[m]! + value;
  if (!last) {
    into[m] = sum;
    return sum;
  }
  return (into[m]! + value) / 6;
}

/**
 * Which demand column a target-tracking policy's metric divides by capacity (its target is
 * then what one instance should serve); '' for any other metric (a total such as
 * Invocations, or an open-loop one), which says nothing about what an instance needs.
 */
function demandSource(tt: TargetTrackingPolicy): string {
  const source = tt.high.source;
  return source.kind === 'perCapacityRate' || source.kind === 'perCapacityGauge' ? source.input : '';
}

/**
 * A note when some column starts after the window's start or ends before its end (the CLI
 * refuses such a window; the engine's other callers get told): outside its rows a demand
 * column serves no traffic and a metric has no datapoints, which scales in or starves alarms.
 */
function shortColumns(columns: readonly LoadColumn[], startMs: number, endMs: number): string | undefined {
  const short: string[] = [];
  for (const c of columns) {
    const first = c.times.length > 0 ? c.times[0]! : NaN;
    const end = c.times.length > 0 ? c.times[c.times.length - 1]! + c.intervalMs : NaN;
    if (!(first <= startMs && end >= endMs))
      short.push(
        c.times.length === 0
          ? `${c.name} has no rows`
          : `${short.length === 0 ? `${c.name} covers` : c.name} ${isoTime(first)} to ${isoTime(end)}`,
      );
  }
  if (short.length === 0) return undefined;
  return `The load does not cover the whole window (${isoTime(startMs)} to ${isoTime(endMs)}): ${short.join(', ')}. Outside its rows demand is read as no traffic, a metric as missing datapoints.`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function blockedReason(why: Blocked, detail: string | number, alarm: AlarmRuntime | undefined): string {
  switch (why) {
    case Blocked.Updating:
      return 'a scaling activity is in progress (the endpoint is Updating): the invocation is dropped';
    case Blocked.ScaleInCooldown:
      return `in the scale-in cooldown until ${new Date(detail).toISOString().replace('.000Z', 'Z')}`;
    case Blocked.ScaleOutCooldown:
      return 'in the scale-out cooldown: the step adds nothing beyond the capacity the last scale-out added';
    case Blocked.AtMax:
      return 'already at MaxCapacity (AlreadyAtMaxCapacity)';
    case Blocked.AtMin:
      return 'already at MinCapacity (AlreadyAtMinCapacity)';
    case Blocked.AtDesired:
      return 'the policy computes no change from the current desired capacity (AlreadyAtDesiredCapacity)';
    case Blocked.NoAgreement:
      return `target-tracking policy ${detail} is not ready to scale in: scale-in needs every target-tracking policy with scale-in enabled to agree`;
    case Blocked.SuspendedOut:
      return 'dynamic scale-out is suspended (DynamicScalingOutSuspended)';
    case Blocked.SuspendedIn:
      return 'dynamic scale-in is suspended (DynamicScalingInSuspended)';
    case Blocked.SuspendedScheduled:
      return 'scheduled scaling is suspended (ScheduledScalingSuspended): the action is skipped';
    case Blocked.NoStep:
      return `no step adjustment covers a breach of ${round(Number(detail))}${alarm ? ` (alarm ${alarm.spec.name} in ${ALARM_STATE_NAMES[alarm.state]})` : ''}`;
    case Blocked.ZeroStep:
      return 'the step that covers the breach adjusts by 0';
    case Blocked.NoDatapoint:
      return 'the alarm evaluated no datapoint to size the change with';
    case Blocked.Deferred:
      return 'the endpoint is Updating: the scheduled action is retried each minute';
    case Blocked.Flapping:
      // "The policy won't scale in if it calculates that removing a minimum unit of capacity
      // would likely push the metric back above the target" (the target-tracking page).
      return 'removing an instance would push the metric above the target (AutoScalingAnticipatedFlapping)';
    case Blocked.BadBounds:
      return `the action would set ${detail}: skipped`;
  }
}
