import {
  DeleteScalingPolicyCommand,
  DescribeScalingPoliciesCommand,
  DeleteScheduledActionCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
  type PutScalingPolicyCommandInput,
  type PutScheduledActionCommandInput,
  type RegisterScalableTargetCommandInput,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DeleteAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { alarmToPut, alarmTriggers, alarmWithArnReplaced } from '../core/plan/alarmActions';
import { keyText, type AlarmSpec, type LiveState } from '../core/plan/liveState';
import type { Change, Plan } from '../core/plan/planTypes';
import { parseTimestamp } from '../core/document/timestamp';
import { explainAwsError, errorCode, isAbortError, sessionErrorContext } from './errors';
import { mapLimit } from './concurrency';
import { alarmSpecFromLive, describeAlarmsByAction, describeAlarmsByName, keyInput } from './fetchLive';
import type { AwsClients } from './session';

// Sending a plan: each change becomes one write, in plan order (target → policies → their
// alarms → scheduled actions → deletions). The first failure stops the run, and the result
// says exactly which changes were applied, which failed and which were never sent. No call
// is sent for anything the plan does not list (reads excepted: a policy's ARN when the
// plan does not carry it, and the alarms to re-point when AWS gives a policy a new ARN).

/** One step of an apply, for progress bars and logs. */
export interface ApplyProgress {
  change: Change;
  /** 0-based position in the plan. */
  index: number;
  total: number;
  state: 'started' | 'applied' | 'failed';
}

export interface ApplyOptions {
  /** Stops before the next call; a call in flight is cut short and reported as possibly applied. */
  signal?: AbortSignal;
  onProgress?: (progress: ApplyProgress) => void;
  /**
   * The live state the plan was made from. Gives the policy ARNs for alarms without a read,
   * and lets apply keep alarms pointing at a policy whose ARN AWS changed on update.
   */
  live?: LiveState;
  /**
   * Targets written at once (the CLI's --max-concurrency, default 4). Default 1 (strict
   * plan order). Above 1, independent targets proceed side by side; within a target the
   * plan's order stays (target → policies → alarms → actions → deletions). A throttled
   * call holds back every worker's next call (aws/session.ts, the retry strategy's pause),
   * and the first failure stops every worker before its next change.
   */
  concurrency?: number;
  /** Retries of ObjectNotFoundException right after a target was registered (AWS is eventually consistent). */
  notFoundRetry?: { attempts: number; delayMs: number };
  /** The profile, for error messages; by default the session's, when one was named. */
  profile?: string;
}

/** A change that AWS refused (or that was cancelled in flight), with a message for people. */
export interface ChangeFailure {
  change: Change;
  message: string;
  /** True when the call was cut short in flight: AWS may or may not have applied it. */
  uncertain?: boolean;
  /** The AWS error code, when there is one. */
  code?: string;
}

export interface ApplyResult {
  /** Changes AWS accepted, in the order they completed. */
  applied: Change[];
  /** The first failure; apply stopped there. */
  failed?: ChangeFailure;
  /** With concurrency above 1: other changes that failed while the first failure stopped the run. */
  otherFailures?: ChangeFailure[];
  /** Changes never sent, in plan order. */
  notAttempted: Change[];
  /** Set when the signal stopped the run. */
  cancelled: boolean;
  /** Alarms re-pointed at a policy whose ARN AWS changed when the policy was updated. */
  repointedAlarms: string[];
}

class Cancelled extends Error {}

/** A failure found by apply itself (not an AWS error); its message is for people as it is. */
class ApplyError extends Error {}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** An ISO string from the file as the Date the SDK sends; the rules have already vetted it. */
function toDate(text: string): Date {
  const parsed = parseTimestamp(text);
  if (parsed?.ok) return new Date(parsed.epochMs);
  const fallback = new Date(text);
  if (Number.isNaN(fallback.getTime())) throw new ApplyError(`"${text}" is not an ISO-8601 time`);
  return fallback;
}

/** Whether a delete that AWS answers with "not found" has already reached its goal. */
function alreadyGone(error: unknown): boolean {
  const code = errorCode(error);
  if (code === 'ObjectNotFoundException' || code === 'ResourceNotFound') return true;
  // moto says ValidationException "No scaling policy found …" where AWS says ObjectNotFoundException.
  return (
    code === 'ValidationException' &&
    /^No (scaling policy|scheduled action) found/i.test((error as Error).message ?? '')
  );
}

/** Sends the changes of a plan. Never throws for an AWS error: the result reports it. */
export async function applyPlan(clients: AwsClients, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { signal } = options;
  const errorContext =
    options.profile !== undefined ? { profile: options.profile } : sessionErrorContext(clients.settings);
  const total = plan.changes.length;
  const notFoundRetry = options.notFoundRetry ?? { attempts: 5, delayMs: 1000 };
  const applied: Change[] = [];
  const failures: ChangeFailure[] = [];
  const attempted = new Set<Change>();
  const repointedAlarms: string[] = [];
  let cancelled = false;

  // Policy ARNs: from this run's puts first, then the live state, then a read.
  const policyArns = new Map<string, string>();
  const liveArns = new Map<string, string>();
  for (const target of options.live?.targets ?? []) {
    for (const [name, facts] of Object.entries(target.policyFacts))
      if (facts.PolicyARN) liveArns.set(`${keyText(target)} ${name}`, facts.PolicyARN);
  }
  const registered = new Set<string>();

  const send = async <T>(change: Change, call: () => Promise<T>): Promise<T> => {
    // Right after a target is registered AWS may not see it yet: retry ObjectNotFound briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (
          errorCode(error) !== 'ObjectNotFoundException' ||
          !registered.has(keyText(change.target)) ||
          attempt >= notFoundRetry.attempts
        )
          throw error;
        await sleep(notFoundRetry.delayMs * attempt, signal);
      }
    }
  };

  const arnFor = async (change: Change & { policyName: string }): Promise<string> => {
    const id = `${keyText(change.target)} ${change.policyName}`;
    const known = policyArns.get(id) ?? liveArns.get(id);
    if (known) return known;
    const found = await clients.autoScaling.send(
      new DescribeScalingPoliciesCommand({ ...keyInput(change.target), PolicyNames: [change.policyName] }),
      { abortSignal: signal },
    );
    const policy = found.ScalingPolicies?.find(
      (p) =>
        p.PolicyName === change.policyName &&
        p.ResourceId === change.target.ResourceId &&
        p.ScalableDimension === change.target.ScalableDimension,
    );
    if (!policy?.PolicyARN)
      throw new ApplyError(
        `policy ${change.policyName} does not exist on ${change.target.ResourceId}, so its alarm has nothing to trigger`,
      );
    policyArns.set(id, policy.PolicyARN);
    return policy.PolicyARN;
  };

  /** PutMetricAlarm with exactly this input: the whole alarm, every action list included. */
  const putAlarm = async (alarm: AlarmSpec) => {
    await clients.cloudWatch.send(new PutMetricAlarmCommand(alarm as PutMetricAlarmCommandInput), {
      abortSignal: signal,
    });
  };

  /**
   * After a policy update that changed its ARN (moto does; AWS keeps it), the alarms that
   * named the old ARN in any action list follow: those DescribeAlarms finds by action and
   * those the live state read (moto's ActionPrefix looks at AlarmActions only).
   */
  const repoint = async (oldArn: string, newArn: string, skip: ReadonlySet<string>) => {
    const known = (options.live?.alarms ?? []).filter((a) => alarmTriggers(a, oldArn)).map((a) => a.AlarmName);
    const byAction = (await describeAlarmsByAction(clients, oldArn, signal)).map((a) => a.AlarmName ?? '');
    const names = [...new Set([...byAction, ...known])].filter((name) => name && !skip.has(name));
    for (const alarm of (await describeAlarmsByName(clients, names, signal)).values()) {
      const spec = alarmSpecFromLive(alarm);
      if (!alarmTriggers(spec, oldArn)) continue;
      await putAlarm(alarmWithArnReplaced(spec, oldArn, newArn));
      repointedAlarms.push(spec.AlarmName);
    }
  };

  const run = async (change: Change): Promise<void> => {
    const target = keyInput(change.target);
    switch (change.kind) {
      case 'registerTarget': {
        const input: RegisterScalableTargetCommandInput = { ...target };
        const { MinCapacity, MaxCapacity, RoleARN, SuspendedState, Tags } = change.settings;
        if (MinCapacity !== undefined) input.MinCapacity = MinCapacity;
        if (MaxCapacity !== undefined) input.MaxCapacity = MaxCapacity;
        if (RoleARN !== undefined) input.RoleARN = RoleARN;
        if (SuspendedState !== undefined) input.SuspendedState = SuspendedState;
        if (Tags !== undefined && change.create && Object.keys(Tags).length > 0) input.Tags = Tags;
        await clients.autoScaling.send(new RegisterScalableTargetCommand(input), { abortSignal: signal });
        if (change.create) registered.add(keyText(change.target));
        return;
      }
      case 'putPolicy': {
        const input = { ...target, ...change.policy } as PutScalingPolicyCommandInput & {
          CloudWatchAlarm?: unknown;
          CloudWatchAlarms?: unknown;
        };
        delete input.CloudWatchAlarm;
        delete input.CloudWatchAlarms;
        const output = await send(change, () =>
          clients.autoScaling.send(new PutScalingPolicyCommand(input), { abortSignal: signal }),
        );
        const id = `${keyText(change.target)} ${change.policy.PolicyName}`;
        if (output.PolicyARN) {
          policyArns.set(id, output.PolicyARN);
          const before = liveArns.get(id);
          // Only for an update: a policy created anew (a type change) leaves its old alarms to the plan.
          if (before && before !== output.PolicyARN && !change.create && change.policy.PolicyType === 'StepScaling') {
            // Alarms this plan puts anyway get the new ARN there.
            const putLater = new Set<string>();
            for (const c of plan.changes) {
              if (
                c.kind === 'putAlarm' &&
                keyText(c.target) === keyText(change.target) &&
                c.policyName === change.policy.PolicyName
              )
                putLater.add(c.alarm.AlarmName);
            }
            await repoint(before, output.PolicyARN, putLater);
          }
        }
        return;
      }
      case 'putAlarm': {
        // The file's alarm with the policy's ARN in the lists TriggerPolicyOn names. The
        // plan compared every list, so what the put replaces was shown.
        await putAlarm(alarmToPut(change.alarm, await arnFor(change)));
        return;
      }
      case 'putScheduledAction': {
        const { ScheduledActionName, Schedule, Timezone, StartTime, EndTime, ScalableTargetAction } = change.action;
        const input: PutScheduledActionCommandInput = { ...target, ScheduledActionName, Schedule };
        if (Timezone !== undefined) input.Timezone = Timezone;
        // Always sent when the file has them: an update without them clears them.
        if (StartTime !== undefined) input.StartTime = toDate(StartTime);
        if (EndTime !== undefined) input.EndTime = toDate(EndTime);
        if (ScalableTargetAction !== undefined) input.ScalableTargetAction = ScalableTargetAction;
        await send(change, () =>
          clients.autoScaling.send(new PutScheduledActionCommand(input), { abortSignal: signal }),
        );
        return;
      }
      case 'deleteAlarm':
        await clients.cloudWatch.send(new DeleteAlarmsCommand({ AlarmNames: [change.alarmName] }), {
          abortSignal: signal,
        });
        return;
      case 'deletePolicy':
        try {
          await clients.autoScaling.send(new DeleteScalingPolicyCommand({ ...target, PolicyName: change.policyName }), {
            abortSignal: signal,
          });
        } catch (error) {
          if (!alreadyGone(error)) throw error;
        }
        return;
      case 'deleteScheduledAction':
        try {
          await clients.autoScaling.send(
            new DeleteScheduledActionCommand({ ...target, ScheduledActionName: change.actionName }),
            { abortSignal: signal },
          );
        } catch (error) {
          if (!alreadyGone(error)) throw error;
        }
        return;
    }
  };

  const indexOf = new Map(plan.changes.map((c, i) => [c, i]));
  const stopped = () => failures.length > 0 || cancelled;

  /** Runs one group's changes in order; stops the whole apply on failure or cancellation. */
  const runGroup = async (group: readonly Change[]): Promise<void> => {
    for (const change of group) {
      if (stopped()) return;
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
      const index = indexOf.get(change)!;
      attempted.add(change);
      options.onProgress?.({ change, index, total, state: 'started' });
      try {
        await run(change);
        applied.push(change);
        options.onProgress?.({ change, index, total, state: 'applied' });
      } catch (error) {
        const aborted = isAbortError(error) || error instanceof Cancelled || signal?.aborted === true;
        if (aborted) cancelled = true;
        const failure: ChangeFailure = aborted
          ? {
              change,
              uncertain: true,
              message:
                'Cancelled while this change was being sent: AWS may or may not have applied it. Run plan to see.',
            }
          : {
              change,
              message: error instanceof ApplyError ? error.message : explainAwsError(error, errorContext),
            };
        const code = aborted || error instanceof ApplyError ? undefined : errorCode(error);
        if (code && code !== 'Error') failure.code = code;
        failures.push(failure);
        options.onProgress?.({ change, index, total, state: 'failed' });
        return;
      }
    }
  };

  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  if (concurrency === 1) {
    await runGroup(plan.changes);
  } else {
    // Targets side by side, each in plan order. Nothing orders one target's changes after
    // another's: the plan never deletes an alarm that the file gives to another target.
    const groups = new Map<string, Change[]>();
    for (const change of plan.changes)
      groups.set(keyText(change.target), [...(groups.get(keyText(change.target)) ?? []), change]);
    await mapLimit([...groups.values()], concurrency, runGroup);
  }

  const [failed, ...otherFailures] = failures;
  const result: ApplyResult = {
    applied,
    notAttempted: plan.changes.filter((c) => !attempted.has(c)),
    cancelled,
    repointedAlarms,
  };
  if (failed) result.failed = failed;
  if (otherFailures.length > 0) result.otherFailures = otherFailures;
  return result;
}

/** A report of an apply for people: what was applied, what failed and what was not sent. */
export function renderApplyResult(result: ApplyResult): string {
  const lines: string[] = [];
  const count = (n: number) => `${n} change${n === 1 ? '' : 's'}`;
  if (!result.failed && !result.cancelled) {
    lines.push(`Applied ${count(result.applied.length)}.`);
  } else {
    lines.push(
      result.cancelled
        ? `Cancelled after ${count(result.applied.length)}.`
        : `Apply stopped after ${count(result.applied.length)}: a change failed.`,
    );
    if (result.applied.length) lines.push('Applied:', ...result.applied.map((c) => `  ✓ ${c.summary}`));
    for (const f of [result.failed, ...(result.otherFailures ?? [])]) {
      if (f)
        lines.push(
          f.uncertain ? 'Possibly applied (cut short):' : 'Failed:',
          `  ✗ ${f.change.summary}`,
          `    ${f.message}`,
        );
    }
    if (result.notAttempted.length)
      lines.push('Not applied (never sent):', ...result.notAttempted.map((c) => `  - ${c.summary}`));
    lines.push('Fix the cause and run apply again: it sends only what is still missing.');
  }
  if (result.repointedAlarms.length)
    lines.push(
      `Re-pointed ${result.repointedAlarms.length === 1 ? 'an alarm' : `${result.repointedAlarms.length} alarms`} at their policy's new ARN: ${result.repointedAlarms.join(', ')}.`,
    );
  return lines.join('\n');
}
