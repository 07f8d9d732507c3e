import { alarmForPolicy, alarmToPut, alarmTriggers, setPolicyAlarms } from '../../core/plan/alarmActions';
import {
  keyText,
  type AlarmSpec,
  type LiveState,
  type LiveTarget,
  type PolicySpec,
  type ScheduledActionSpec,
  type TargetKey,
  type TargetSettings,
} from '../../core/plan/liveState';
import type { Change } from '../../core/plan/planTypes';

// A small, pure stand-in for Application Auto Scaling and CloudWatch that applies a plan's
// changes and answers with live state, for the idempotence tests (apply, plan again, expect
// nothing). It behaves as AWS and moto do where that matters to the plan, and as badly as
// they are allowed to:
//  - a put that creates a policy gives it a new ARN; an update keeps it, as AWS does (moto
//    gives a new one, which aws/apply.ts handles by re-pointing the alarms);
//  - describe output echoes defaults the file did not state (SuspendedState all false, a
//    service-linked RoleARN, DisableScaleIn false, MetricAggregationType Average, an
//    alarm's ActionsEnabled/OKActions/TreatMissingData/DatapointsToAlarm, times with
//    milliseconds) and carries read-only members (ARNs, CreationTime, alarm state);
//  - PutScheduledAction drops StartTime/EndTime it is not given, and keeps a Timezone it
//    is not given (the worst reading of "specify the parameters you want to change");
//  - registering an update keeps the members it is not given;
//  - a put that changes a policy's type, a put on an unregistered target, and a delete of
//    something that is not there all throw, as AWS answers them with errors;
//  - deleting a target tracking policy deletes its alarms; a step policy's alarm stays;
//  - an alarm's actions are what the put sends (the policy's ARN in the lists its
//    TriggerPolicyOn names); live state has each step policy's alarms as fetch writes them.

interface FakePolicy {
  spec: Omit<PolicySpec, 'CloudWatchAlarm'>;
  arn: string;
}

interface FakeTarget {
  key: TargetKey;
  settings: TargetSettings;
  policies: Map<string, FakePolicy>;
  actions: Map<string, ScheduledActionSpec>;
}

const clone = <T>(value: T): T => structuredClone(value);

export class FakeAws {
  private readonly targets = new Map<string, FakeTarget>();
  private readonly alarms = new Map<string, AlarmSpec>();
  private counter = 0;
  /** Every call made, by change kind, for tests that count calls. */
  readonly calls: string[] = [];

  /** Applies changes in order, as apply sends them; throws where AWS would answer with an error. */
  apply(changes: readonly Change[]): this {
    for (const change of changes) {
      this.calls.push(change.kind);
      this.applyOne(change);
    }
    return this;
  }

  private target(key: TargetKey): FakeTarget {
    const target = this.targets.get(keyText(key));
    if (!target) throw new Error(`ObjectNotFoundException: no scalable target ${keyText(key)}`);
    return target;
  }

  private applyOne(change: Change): void {
    switch (change.kind) {
      case 'registerTarget': {
        const existing = this.targets.get(keyText(change.target));
        if (!existing) {
          if (change.settings.MinCapacity === undefined || change.settings.MaxCapacity === undefined)
            throw new Error('ValidationException: MinCapacity and MaxCapacity are required to register a target');
          const settings = clone(change.settings);
          delete settings.Tags;
          settings.SuspendedState = {
            DynamicScalingInSuspended: false,
            DynamicScalingOutSuspended: false,
            ScheduledScalingSuspended: false,
            ...settings.SuspendedState,
          };
          if (!settings.RoleARN && change.target.ServiceNamespace === 'sagemaker') {
            settings.RoleARN =
              'arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint';
          }
          this.targets.set(keyText(change.target), {
            key: clone(change.target),
            settings,
            policies: new Map(),
            actions: new Map(),
          });
        } else {
          // Tags apply on creation only (TagResource tags an existing target).
          const { SuspendedState, ...rest } = clone(change.settings);
          delete rest.Tags;
          Object.assign(existing.settings, rest);
          if (SuspendedState)
            existing.settings.SuspendedState = { ...existing.settings.SuspendedState, ...SuspendedState };
        }
        return;
      }
      case 'putPolicy': {
        const target = this.target(change.target);
        const old = target.policies.get(change.policy.PolicyName);
        if (old && old.spec.PolicyType !== change.policy.PolicyType)
          throw new Error('ValidationException: a policy cannot change its type');
        const spec = clone(change.policy) as Omit<PolicySpec, 'CloudWatchAlarm'> & { CloudWatchAlarm?: unknown };
        if ('CloudWatchAlarm' in spec) throw new Error('the put carries the alarm');
        const tt = spec.TargetTrackingScalingPolicyConfiguration;
        if (tt) tt.DisableScaleIn ??= false;
        const step = spec.StepScalingPolicyConfiguration;
        if (step) step.MetricAggregationType ??= 'Average';
        this.counter++;
        const arn =
          old?.arn ??
          `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${this.counter.toString(16).padStart(8, '0')}:resource/${change.target.ServiceNamespace}/${change.target.ResourceId}:policyName/${change.policy.PolicyName}`;
        target.policies.set(change.policy.PolicyName, { spec, arn });
        return;
      }
      case 'deletePolicy': {
        const target = this.target(change.target);
        if (!target.policies.delete(change.policyName))
          throw new Error(`ObjectNotFoundException: no policy ${change.policyName}`);
        return;
      }
      case 'putAlarm': {
        const policy = this.target(change.target).policies.get(change.policyName);
        if (!policy) throw new Error(`the alarm's policy ${change.policyName} does not exist`);
        const alarm = clone(alarmToPut(change.alarm, policy.arn));
        alarm.ActionsEnabled ??= true;
        alarm.AlarmActions ??= [];
        alarm.OKActions ??= [];
        alarm.InsufficientDataActions ??= [];
        alarm.Dimensions ??= [];
        alarm.TreatMissingData ??= 'missing';
        if (typeof alarm.EvaluationPeriods === 'number') alarm.DatapointsToAlarm ??= alarm.EvaluationPeriods;
        this.alarms.set(alarm.AlarmName, alarm);
        return;
      }
      case 'deleteAlarm':
        if (!this.alarms.delete(change.alarmName)) throw new Error(`ResourceNotFound: no alarm ${change.alarmName}`);
        return;
      case 'putScheduledAction': {
        const target = this.target(change.target);
        const old = target.actions.get(change.action.ScheduledActionName);
        const action = clone(change.action);
        const ms = (text: string) => new Date(text).toISOString();
        if (action.StartTime) action.StartTime = ms(action.StartTime);
        if (action.EndTime) action.EndTime = ms(action.EndTime);
        if (action.Timezone === undefined) action.Timezone = old?.Timezone ?? 'UTC';
        if (!action.Schedule && old) action.Schedule = old.Schedule;
        target.actions.set(action.ScheduledActionName, action);
        return;
      }
      case 'deleteScheduledAction':
        if (!this.target(change.target).actions.delete(change.actionName))
          throw new Error(`ObjectNotFoundException: no action ${change.actionName}`);
        return;
    }
  }

  /** Live state as aws/ reads it: every target, or the ones given that exist. */
  live(keys?: readonly TargetKey[]): LiveState {
    const wanted = keys && new Set(keys.map(keyText));
    const targets: LiveTarget[] = [];
    for (const target of this.targets.values()) {
      if (wanted && !wanted.has(keyText(target.key))) continue;
      const live: LiveTarget = {
        ...clone(target.key),
        ...clone(target.settings),
        ScalingPolicies: [],
        ScheduledActions: [],
        policyFacts: {},
      };
      (live as unknown as Record<string, unknown>).ScalableTargetARN =
        `arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/${keyText(target.key).length}`;
      for (const [name, policy] of [...target.policies].sort(([a], [b]) => a.localeCompare(b))) {
        const spec = {
          ...clone(policy.spec),
          PolicyARN: policy.arn,
          CreationTime: '2026-01-01T00:00:00.000Z',
        } as PolicySpec;
        let alarmNames: string[];
        if (policy.spec.PolicyType === 'TargetTrackingScaling') {
          alarmNames = [
            `TargetTracking-${target.key.ResourceId}-AlarmHigh-${policy.arn.length}`,
            `TargetTracking-${target.key.ResourceId}-AlarmLow-${policy.arn.length}`,
          ];
        } else {
          const alarms = [...this.alarms.values()]
            .filter((a) => alarmTriggers(a, policy.arn))
            .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
          alarmNames = alarms.map((a) => a.AlarmName);
          setPolicyAlarms(
            spec,
            alarms.map((a) => ({
              ...alarmForPolicy(clone(a), policy.arn),
              StateValue: 'INSUFFICIENT_DATA',
              AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${a.AlarmName}`,
            })),
          );
        }
        live.ScalingPolicies.push(spec);
        live.policyFacts[name] = { PolicyARN: policy.arn, AlarmNames: alarmNames };
      }
      for (const [, action] of [...target.actions].sort(([a], [b]) => a.localeCompare(b))) {
        live.ScheduledActions.push({
          ...clone(action),
          ScheduledActionARN: 'arn:x',
          CreationTime: '2026-01-01T00:00:00.000Z',
        } as ScheduledActionSpec);
      }
      targets.push(live);
    }
    // Every alarm that triggers a step policy of these targets, as aws/ lists them.
    const arns = new Set(targets.flatMap((t) => Object.values(t.policyFacts).map((f) => f.PolicyARN)));
    const alarms = [...this.alarms.values()]
      .filter((a) => [...arns].some((arn) => alarmTriggers(a, arn)))
      .map((a) => clone(a));
    return { targets, alarms };
  }

  /** Names of the alarms that exist. */
  alarmNames(): string[] {
    return [...this.alarms.keys()].sort();
  }
}
