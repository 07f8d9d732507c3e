import type { AlarmSpec, PolicySpec, ScheduledActionSpec, TargetKey, TargetSettings } from './liveState';

// The plan: what apply would change, as a list in the order apply sends it
// (targets, then policies, then their alarms, then scheduled actions; deletions of
// actions and policies last). Each change carries the request it stands for, in API
// terms, so aws/ sends it without further thought, and a field-level diff for people.

/** One member that differs: its JSON path under the object, and both values. */
export interface FieldDiff {
  path: string;
  live: unknown;
  desired: unknown;
}

interface ChangeBase {
  target: TargetKey;
  /** One line for people: "update policy invocations on sagemaker endpoint/…". */
  summary: string;
}

export type Change =
  | (ChangeBase & { kind: 'registerTarget'; create: boolean; settings: TargetSettings; diff: FieldDiff[] })
  | (ChangeBase & {
      kind: 'putPolicy';
      create: boolean;
      policy: Omit<PolicySpec, 'CloudWatchAlarm' | 'CloudWatchAlarms'>;
      diff: FieldDiff[];
      note?: string;
    })
  | (ChangeBase & { kind: 'deletePolicy'; policyName: string; note?: string })
  | (ChangeBase & {
      kind: 'putAlarm';
      create: boolean;
      policyName: string;
      /** As the file holds it: aws/ adds the policy's ARN to the lists TriggerPolicyOn names (core/plan/alarmActions.ts). */
      alarm: AlarmSpec;
      diff: FieldDiff[];
      note?: string;
    })
  | (ChangeBase & { kind: 'deleteAlarm'; policyName: string; alarmName: string })
  | (ChangeBase & { kind: 'putScheduledAction'; create: boolean; action: ScheduledActionSpec; diff: FieldDiff[] })
  | (ChangeBase & { kind: 'deleteScheduledAction'; actionName: string });

export interface PlanOptions {
  /** Delete live policies and scheduled actions that the file does not list. */
  prune: boolean;
}

export interface Plan {
  changes: Change[];
  /**
   * Live objects the file does not list, kept because prune is off (shown, not deleted).
   * An `alarm` is one that triggered a step policy the plan deletes or moves to another
   * alarm; alarms that target tracking owns are never listed.
   */
  unmanaged: { target: TargetKey; kind: 'policy' | 'scheduledAction' | 'alarm'; name: string }[];
}
