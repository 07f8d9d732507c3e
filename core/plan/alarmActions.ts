import type { AlarmSpec, PolicySpec } from './liveState';

// A step policy's alarms and their actions, between the file and AWS. In the file an alarm's
// AlarmActions, OKActions and InsufficientDataActions list only the *other* ARNs (an SNS
// topic, a policy outside the file), and `TriggerPolicyOn` (ours, like CloudWatchAlarm
// itself) names the states whose list gets this policy's ARN, which only exists once the
// policy does. AWS has one list per state with every ARN in it. alarmToPut goes from the
// file to PutMetricAlarm's input, alarmForPolicy from DescribeAlarms back to the file.

/** The states of a CloudWatch alarm, in the order the file writes them. */
export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** The action list PutMetricAlarm runs when the alarm enters each state. */
export const ACTION_LIST: Readonly<Record<AlarmState, 'AlarmActions' | 'OKActions' | 'InsufficientDataActions'>> = {
  ALARM: 'AlarmActions',
  OK: 'OKActions',
  INSUFFICIENT_DATA: 'InsufficientDataActions',
};

/** The state a policy is triggered on when the file does not say: the alarm's ALARM state. */
export const DEFAULT_TRIGGER: AlarmState = 'ALARM';

const stateRank = (state: string): number => {
  const rank = (ALARM_STATES as readonly string[]).indexOf(state);
  return rank < 0 ? ALARM_STATES.length : rank;
};

/**
 * A TriggerPolicyOn value in one form, so two that mean the same compare equal: its states
 * once each, in ALARM_STATES order (anything else after them; the schema reports it), one
 * state as a string. Undefined and an empty list stay undefined.
 */
export function canonicalTrigger(value: unknown): string | string[] | undefined {
  const states = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (s): s is string => typeof s === 'string',
  );
  const unique = [...new Set(states)].sort((a, b) => stateRank(a) - stateRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : unique;
}

/** The states that trigger the policy, as the file's alarm says (ALARM when it says nothing). */
export function triggerStates(alarm: AlarmSpec): AlarmState[] {
  const value = canonicalTrigger(alarm.TriggerPolicyOn) ?? DEFAULT_TRIGGER;
  return (Array.isArray(value) ? value : [value]).filter((s): s is AlarmState => s in ACTION_LIST);
}

const arnsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];

/**
 * PutMetricAlarm's input for an alarm of the file: the policy's ARN added to the list of
 * each state that triggers it, beside the other ARNs the file lists; TriggerPolicyOn, which
 * is not AWS's, left out. PutMetricAlarm replaces the whole alarm, so the lists are the file's.
 */
export function alarmToPut(alarm: AlarmSpec, policyArn: string): AlarmSpec {
  const put: AlarmSpec = { ...alarm };
  delete put.TriggerPolicyOn;
  for (const state of triggerStates(alarm)) {
    const list = ACTION_LIST[state];
    put[list] = [policyArn, ...arnsOf(alarm[list]).filter((arn) => arn !== policyArn)];
  }
  return put;
}

/**
 * A live alarm as the file holds it under the policy with this ARN: the ARN taken out of
 * the three lists (empty lists left out) and `TriggerPolicyOn` naming the states whose list
 * had it, always written out (ALARM included), and absent when none had it: the alarm does
 * not trigger that policy. Without an ARN every action counts as another one.
 */
export function alarmForPolicy(alarm: AlarmSpec, policyArn: string | undefined): AlarmSpec {
  const result: AlarmSpec = { ...alarm };
  delete result.TriggerPolicyOn;
  const states: AlarmState[] = [];
  for (const state of ALARM_STATES) {
    const list = ACTION_LIST[state];
    if (!(list in alarm)) continue;
    const arns = arnsOf(alarm[list]);
    if (policyArn !== undefined && arns.includes(policyArn)) states.push(state);
    const others = arns.filter((arn) => arn !== policyArn);
    if (others.length > 0) result[list] = others;
    else delete result[list];
  }
  const trigger = canonicalTrigger(states);
  if (trigger !== undefined) result.TriggerPolicyOn = trigger;
  return result;
}

/** Whether a live alarm runs this ARN in any of its states. */
export function alarmTriggers(alarm: AlarmSpec, arn: string): boolean {
  return ALARM_STATES.some((state) => arnsOf(alarm[ACTION_LIST[state]]).includes(arn));
}

/** A live alarm with one ARN replaced by another in every list (a policy AWS gave a new ARN). */
export function alarmWithArnReplaced(alarm: AlarmSpec, from: string, to: string): AlarmSpec {
  const result: AlarmSpec = { ...alarm };
  for (const state of ALARM_STATES) {
    const list = ACTION_LIST[state];
    if (list in alarm) result[list] = [...new Set(arnsOf(alarm[list]).map((arn) => (arn === from ? to : arn)))];
  }
  return result;
}

/**
 * Every alarm of a policy, in the file's order: `CloudWatchAlarm`, then `CloudWatchAlarms`
 * (a file has one or the other; the rules report both at once).
 */
export function policyAlarms(policy: PolicySpec): AlarmSpec[] {
  const alarms: AlarmSpec[] = [];
  if (policy.CloudWatchAlarm) alarms.push(policy.CloudWatchAlarm);
  if (policy.CloudWatchAlarms) alarms.push(...policy.CloudWatchAlarms);
  return alarms;
}

/** Sets a policy's alarms as the file writes them: none, one as `CloudWatchAlarm`, several as `CloudWatchAlarms`. */
export function setPolicyAlarms(policy: PolicySpec, alarms: readonly AlarmSpec[]): void {
  delete policy.CloudWatchAlarm;
  delete policy.CloudWatchAlarms;
  if (alarms.length === 1) policy.CloudWatchAlarm = alarms[0]!;
  else if (alarms.length > 1) policy.CloudWatchAlarms = [...alarms];
}
