import {
  ALARM_SHAPE,
  canonicalize,
  isRecord,
  POLICY_SHAPE,
  SCHEDULED_ACTION_SHAPE,
  SUSPENDED_STATE_SHAPE,
} from './canonical';
import {
  keyText,
  type AlarmSpec,
  type DesiredState,
  type PolicySpec,
  type ScheduledActionSpec,
  type TargetState,
} from './liveState';
import {
  buildModel,
  type ScalableTarget,
  type ScalingFile,
  type ScalingPolicy,
  type ScheduledAction,
} from '../document/model';
import { parseDocument } from '../document/parse';
import { itemValue } from '../document/tree';

// The desired state of a *.scaling.json file: its targets as API-shaped plain objects,
// ready to compare with live state and to send. Read-only members of describe output
// (PolicyARN, Alarms, CreationTime, ScheduledActionARN, ScalableTargetARN,
// PredictedCapacity, and the key members pasted into policies and actions) are dropped:
// the canonical shapes do not list them. Objects the API could not address — a target
// without its full key, a policy or action without a name — are left out; the rules
// report them and apply refuses a file with errors.

/** The desired state of a file's text; undefined when the text is not a JSON object. */
export function desiredFromText(text: string): DesiredState | undefined {
  const model = buildModel(parseDocument(text).root);
  return model && desiredFromModel(model);
}

/** The desired state of a file's model: its targets in file order, the first of duplicates kept. */
export function desiredFromModel(model: ScalingFile): DesiredState {
  const targets: TargetState[] = [];
  const seen = new Set<string>();
  for (const target of model.targets) {
    const state = targetState(target);
    if (!state || seen.has(keyText(state))) continue;
    seen.add(keyText(state));
    targets.push(state);
  }
  const desired: DesiredState = { targets };
  if (model.region) desired.Region = model.region.value;
  return desired;
}

function targetState(target: ScalableTarget): TargetState | undefined {
  const ServiceNamespace = target.serviceNamespace?.value;
  const ResourceId = target.resourceId?.value;
  const ScalableDimension = target.scalableDimension?.value;
  if (!ServiceNamespace || !ResourceId || !ScalableDimension) return undefined;
  // Built member by member in the schema's order, so the object reads like the file.
  const state = { ServiceNamespace, ResourceId, ScalableDimension } as TargetState;
  if (target.minCapacity) state.MinCapacity = target.minCapacity.value;
  if (target.maxCapacity) state.MaxCapacity = target.maxCapacity.value;
  if (target.roleArn) state.RoleARN = target.roleArn.value;
  if (target.suspendedState) {
    state.SuspendedState = canonicalize(
      itemValue(target.suspendedState.item),
      SUSPENDED_STATE_SHAPE,
    ) as TargetState['SuspendedState'];
  }
  if (target.tags) {
    const tags: Record<string, string> = {};
    const value = itemValue(target.tags.item) as unknown;
    if (isRecord(value)) {
      for (const [key, tag] of Object.entries(value)) if (typeof tag === 'string') tags[key] = tag;
    }
    state.Tags = tags;
  }
  state.ScalingPolicies = [];
  state.ScheduledActions = [];
  const policyNames = new Set<string>();
  for (const policy of target.policies) {
    const spec = policySpec(policy);
    if (!spec || policyNames.has(spec.PolicyName)) continue;
    policyNames.add(spec.PolicyName);
    state.ScalingPolicies.push(spec);
  }
  const actionNames = new Set<string>();
  for (const action of target.scheduledActions) {
    const spec = scheduledActionSpec(action);
    if (!spec || actionNames.has(spec.ScheduledActionName)) continue;
    actionNames.add(spec.ScheduledActionName);
    state.ScheduledActions.push(spec);
  }
  return state;
}

/** The policy type a file states, or the one its configuration implies when it states none. */
function policyType(policy: ScalingPolicy): string {
  if (policy.policyType) return policy.policyType.value;
  if (policy.stepScaling) return 'StepScaling';
  if (policy.targetTracking) return 'TargetTrackingScaling';
  if (policy.predictive) return 'PredictiveScaling';
  return '';
}

function policySpec(policy: ScalingPolicy): PolicySpec | undefined {
  const name = policy.policyName?.value;
  if (!name) return undefined;
  const value = canonicalize(itemValue(policy.item), POLICY_SHAPE) as Record<string, unknown>;
  const spec: PolicySpec = { PolicyName: name, PolicyType: policyType(policy) };
  for (const member of [
    'StepScalingPolicyConfiguration',
    'TargetTrackingScalingPolicyConfiguration',
    'PredictiveScalingPolicyConfiguration',
  ] as const) {
    const config = value[member];
    if (isRecord(config)) spec[member] = config;
  }
  // Only a step policy's alarms are the file's to manage: target tracking owns its alarms
  // and predictive scaling has none (alarm.not-step reports them there). An alarm without
  // a name cannot be put; of two with one name, the first is kept (alarm.name-unique).
  if (spec.PolicyType !== 'StepScaling') return spec;
  const names = new Set<string>();
  const named = (alarm: unknown): AlarmSpec | undefined => {
    const canonical = canonicalize(alarm, ALARM_SHAPE);
    if (!isRecord(canonical) || typeof canonical.AlarmName !== 'string' || canonical.AlarmName === '') return undefined;
    if (names.has(canonical.AlarmName)) return undefined;
    names.add(canonical.AlarmName);
    return canonical as AlarmSpec;
  };
  const single = named(value.CloudWatchAlarm);
  if (single) spec.CloudWatchAlarm = single;
  if (Array.isArray(value.CloudWatchAlarms)) {
    const list = value.CloudWatchAlarms.map(named).filter((a): a is AlarmSpec => a !== undefined);
    if (list.length > 0) spec.CloudWatchAlarms = list;
  }
  return spec;
}

function scheduledActionSpec(action: ScheduledAction): ScheduledActionSpec | undefined {
  const name = action.name?.value;
  if (!name) return undefined;
  const value = canonicalize(itemValue(action.item), SCHEDULED_ACTION_SHAPE) as Record<string, unknown>;
  // A missing Schedule stays visible as '' rather than dropping the action, which would
  // make a prune delete it; the rules report it, and apply refuses a file with errors.
  const spec: ScheduledActionSpec = { ScheduledActionName: name, Schedule: action.schedule?.value ?? '' };
  if (action.timezone) spec.Timezone = action.timezone.value;
  if (action.startTime) spec.StartTime = action.startTime.value;
  if (action.endTime) spec.EndTime = action.endTime.value;
  if (isRecord(value.ScalableTargetAction))
    spec.ScalableTargetAction = value.ScalableTargetAction as ScheduledActionSpec['ScalableTargetAction'];
  return spec;
}
