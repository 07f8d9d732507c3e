// Live state and desired state in the AWS API's own shapes (plain data, no SDK types, so
// core/ stays free of the SDK). aws/ reads live state into these shapes; core/plan/plan.ts
// compares them; aws/ sends the resulting changes. Field names are the API's.

/** A scalable target's identity: AWS keys targets by this triple. */
export interface TargetKey {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
}

/** What RegisterScalableTarget takes, less the key. */
export interface TargetSettings {
  MinCapacity?: number;
  MaxCapacity?: number;
  RoleARN?: string;
  SuspendedState?: {
    DynamicScalingInSuspended?: boolean;
    DynamicScalingOutSuspended?: boolean;
    ScheduledScalingSuspended?: boolean;
  };
  /**
   * Tags to give the target when it is registered. RegisterScalableTarget applies them
   * only on creation (TagResource tags an existing target) and DescribeScalableTargets
   * does not return them, so the plan never compares them.
   */
  Tags?: Record<string, string>;
}

/**
 * What PutMetricAlarm takes, in one of two forms (core/plan/alarmActions.ts). Under a
 * policy (the file's, and a live policy's as fetch writes it) AlarmActions, OKActions and
 * InsufficientDataActions list the other ARNs only, and `TriggerPolicyOn` names the states
 * whose list gets the policy's ARN. In `LiveState.alarms`, as DescribeAlarms answers: every
 * ARN in its list, no TriggerPolicyOn.
 */
export type AlarmSpec = { AlarmName: string } & Record<string, unknown>;

/** What PutScalingPolicy takes, less the target key; plus the alarm of a step policy. */
export interface PolicySpec {
  PolicyName: string;
  PolicyType: string;
  StepScalingPolicyConfiguration?: Record<string, unknown>;
  TargetTrackingScalingPolicyConfiguration?: Record<string, unknown>;
  PredictiveScalingPolicyConfiguration?: Record<string, unknown>;
  /** Step policies only: the alarm that triggers the policy. */
  CloudWatchAlarm?: AlarmSpec;
  /** Step policies only: the alarms that trigger the policy, when there are several. */
  CloudWatchAlarms?: AlarmSpec[];
}

/** What PutScheduledAction takes, less the target key. Times are ISO-8601 strings. */
export interface ScheduledActionSpec {
  ScheduledActionName: string;
  Schedule: string;
  Timezone?: string;
  StartTime?: string;
  EndTime?: string;
  ScalableTargetAction?: { MinCapacity?: number; MaxCapacity?: number };
}

/** One target with everything under it, as the file describes it or as AWS has it. */
export interface TargetState extends TargetKey, TargetSettings {
  ScalingPolicies: PolicySpec[];
  ScheduledActions: ScheduledActionSpec[];
}

/** Live facts that only AWS knows, kept beside the specs for apply and the tree. */
export interface LivePolicyFacts {
  PolicyARN: string;
  /** Alarms AWS lists for the policy or whose actions name its ARN (target tracking owns its alarms). */
  AlarmNames: string[];
}

/** A target as AWS has it, with the ARNs apply needs to wire alarms. */
export interface LiveTarget extends TargetState {
  policyFacts: Record<string, LivePolicyFacts>;
}

/** Live state of the targets a file names; a target AWS does not have is absent. */
export interface LiveState {
  targets: LiveTarget[];
  /**
   * The alarms aws/ read, as DescribeAlarms answers (every ARN in its list): those that
   * trigger a step policy of these targets, and those the file names. The plan looks
   * alarms up here first, by name; an alarm only a policy's CloudWatchAlarm(s) holds is
   * read back to this form with the policy's ARN.
   */
  alarms?: AlarmSpec[];
}

/** The desired state: the targets of a file, in file order. */
export interface DesiredState {
  Region?: string;
  targets: TargetState[];
}

/** Stable text of a key, for maps and messages: `sagemaker endpoint/e/variant/v sagemaker:variant:DesiredInstanceCount`. */
export function keyText(key: TargetKey): string {
  return `${key.ServiceNamespace} ${key.ResourceId} ${key.ScalableDimension}`;
}
