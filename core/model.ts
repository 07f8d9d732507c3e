import type { Node } from 'jsonc-parser';
import type { Range } from './finding';

// The typed model of a *.scaling.json document. Built in one walk over the jsonc-parser
// tree; every value keeps the range of its text so a rule can point at it. A member whose
// JSON type is wrong is left out of the typed view (the schema layer reports the type), but
// it is still visible through `has()`, so "missing" rules do not fire on it.

/** A member's value with the ranges of its value and of its key. */
export interface Prop<T> {
  value: T;
  range: Range;
  keyRange: Range;
}

/** An object of the file: its whole range, the range of the key that holds it, its jsonc node. */
export interface Located {
  range: Range;
  /** The member name that holds this object, or undefined for array elements and the root. */
  keyRange?: Range;
  node: Node;
}

export interface ScalingFile extends Located {
  region?: Prop<string>;
  /** The `ScalableTargets` array's own range, when present. */
  targetsRange?: Range;
  targets: ScalableTarget[];
}

export interface SuspendedState extends Located {
  dynamicScalingInSuspended?: Prop<boolean>;
  dynamicScalingOutSuspended?: Prop<boolean>;
  scheduledScalingSuspended?: Prop<boolean>;
}

export interface ScalableTarget extends Located {
  index: number;
  serviceNamespace?: Prop<string>;
  resourceId?: Prop<string>;
  scalableDimension?: Prop<string>;
  minCapacity?: Prop<number>;
  maxCapacity?: Prop<number>;
  roleArn?: Prop<string>;
  suspendedState?: SuspendedState;
  tags?: Located & { entries: Prop<string>[] };
  policies: ScalingPolicy[];
  scheduledActions: ScheduledAction[];
  readOnly: Prop<unknown>[];
}

export interface StepAdjustment extends Located {
  index: number;
  lowerBound?: Prop<number>;
  upperBound?: Prop<number>;
  scalingAdjustment?: Prop<number>;
}

export interface StepScalingConfiguration extends Located {
  adjustmentType?: Prop<string>;
  stepAdjustments?: Located & { items: StepAdjustment[] };
  minAdjustmentMagnitude?: Prop<number>;
  cooldown?: Prop<number>;
  metricAggregationType?: Prop<string>;
}

export interface MetricDimension extends Located {
  name?: Prop<string>;
  value?: Prop<string>;
}

export interface PredefinedMetric extends Located {
  predefinedMetricType?: Prop<string>;
  resourceLabel?: Prop<string>;
}

export interface MetricStatMetric extends Located {
  metricName?: Prop<string>;
  namespace?: Prop<string>;
  dimensions?: Located & { items: MetricDimension[] };
}

export interface MetricStat extends Located {
  metric?: MetricStatMetric;
  stat?: Prop<string>;
  unit?: Prop<string>;
}

export interface MetricDataQuery extends Located {
  index: number;
  id?: Prop<string>;
  expression?: Prop<string>;
  label?: Prop<string>;
  metricStat?: MetricStat;
  returnData?: Prop<boolean>;
}

export interface CustomizedMetric extends Located {
  metricName?: Prop<string>;
  namespace?: Prop<string>;
  dimensions?: Located & { items: MetricDimension[] };
  statistic?: Prop<string>;
  unit?: Prop<string>;
  metrics?: Located & { items: MetricDataQuery[] };
}

export interface TargetTrackingConfiguration extends Located {
  targetValue?: Prop<number>;
  predefined?: PredefinedMetric;
  customized?: CustomizedMetric;
  scaleOutCooldown?: Prop<number>;
  scaleInCooldown?: Prop<number>;
  disableScaleIn?: Prop<boolean>;
}

export interface CloudWatchAlarm extends Located {
  alarmName?: Prop<string>;
  namespace?: Prop<string>;
  metricName?: Prop<string>;
  dimensions?: Located & { items: MetricDimension[] };
  statistic?: Prop<string>;
  extendedStatistic?: Prop<string>;
  period?: Prop<number>;
  evaluationPeriods?: Prop<number>;
  datapointsToAlarm?: Prop<number>;
  threshold?: Prop<number>;
  comparisonOperator?: Prop<string>;
  treatMissingData?: Prop<string>;
  metrics?: Located & { items: MetricDataQuery[] };
}

export interface ScalingPolicy extends Located {
  index: number;
  policyName?: Prop<string>;
  policyType?: Prop<string>;
  stepScaling?: StepScalingConfiguration;
  targetTracking?: TargetTrackingConfiguration;
  predictive?: Located;
  alarm?: CloudWatchAlarm;
  readOnly: Prop<unknown>[];
}

export interface ScalableTargetAction extends Located {
  minCapacity?: Prop<number>;
  maxCapacity?: Prop<number>;
}

export interface ScheduledAction extends Located {
  index: number;
  name?: Prop<string>;
  schedule?: Prop<string>;
  timezone?: Prop<string>;
  startTime?: Prop<string>;
  endTime?: Prop<string>;
  action?: ScalableTargetAction;
  readOnly: Prop<unknown>[];
}

/** Read-only members of describe output, per object kind: pasted in, they are ignored. */
export const READ_ONLY_MEMBERS = {
  target: ['ScalableTargetARN', 'CreationTime', 'PredictedCapacity'],
  policy: ['PolicyARN', 'Alarms', 'CreationTime', 'ServiceNamespace', 'ResourceId', 'ScalableDimension'],
  scheduledAction: ['ScheduledActionARN', 'CreationTime', 'ServiceNamespace', 'ResourceId', 'ScalableDimension'],
} as const;

// ---------------------------------------------------------------------------------------
// Building the model.

/** The range of a jsonc node. */
export function rangeOf(node: Node): Range {
  return { start: node.offset, end: node.offset + node.length };
}

/** Whether an object node has a member of that name, whatever the type of its value. */
export function has(located: Located | undefined, key: string): boolean {
  if (located?.node.type !== 'object' || !located.node.children) return false;
  return located.node.children.some((p) => p.children?.[0]?.value === key);
}

/** The key and value nodes of the named member of an object node, if it has one. */
export function member(located: Located, key: string): { key: Node; value: Node | undefined } | undefined {
  for (const property of located.node.children ?? []) {
    const keyNode = property.children?.[0];
    if (keyNode?.value === key) return { key: keyNode, value: property.children?.[1] };
  }
  return undefined;
}

/**
 * A member's value. Its ranges are computed when asked for: a large file has a hundred
 * thousand members and a handful of findings, and three objects per member made the
 * model build mostly garbage collection.
 */
class NodeProp<T> implements Prop<T> {
  readonly #valueNode: Node;
  readonly #keyNode: Node;
  constructor(readonly value: T, valueNode: Node, keyNode: Node) {
    this.#valueNode = valueNode;
    this.#keyNode = keyNode;
  }
  get range(): Range {
    return rangeOf(this.#valueNode);
  }
  get keyRange(): Range {
    return rangeOf(this.#keyNode);
  }
}

// The builders below walk each object's members once, in order, with a switch on the key:
// a later duplicate overwrites an earlier one, as in JSON.parse, and a value of the wrong
// type leaves the member undefined (the schema reports the type). One pass per object
// and no intermediate maps or spreads keep the build linear and light. Each object is
// one literal naming all its fields (range, keyRange and node included): built as
// `{ ...located, more }` its extra fields went to a separate, repeatedly regrown property
// store, which made the model build cost as much as the parse.

function asProp<T>(value: Node, key: Node): Prop<T> {
  return new NodeProp(value.value as T, value, key);
}

function str(value: Node, key: Node): Prop<string> | undefined {
  return value.type === 'string' ? asProp<string>(value, key) : undefined;
}

function num(value: Node, key: Node): Prop<number> | undefined {
  return value.type === 'number' && Number.isFinite(value.value) ? asProp<number>(value, key) : undefined;
}

function bool(value: Node, key: Node): Prop<boolean> | undefined {
  return value.type === 'boolean' ? asProp<boolean>(value, key) : undefined;
}

function objectAt(value: Node, key: Node | undefined): Located | undefined {
  return value.type === 'object' ? { range: rangeOf(value), keyRange: key && rangeOf(key), node: value } : undefined;
}

/** The object elements of an array member, built with their positions in the array. */
function arrayOf<T>(value: Node, key: Node, build: (node: Node, index: number) => T): (Located & { items: T[] }) | undefined {
  if (value.type !== 'array') return undefined;
  return { range: rangeOf(value), keyRange: rangeOf(key), node: value, items: elements(value, build) };
}

function elements<T>(array: Node | undefined, build: (node: Node, index: number) => T): T[] {
  const items: T[] = [];
  const children = array?.children;
  if (!children) return items;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'object') items.push(build(node, i));
  }
  return items;
}

/** Calls `visit` with each member's key text, value node and key node. */
function forEachMember(node: Node, visit: (key: string, value: Node, keyNode: Node) => void): void {
  const children = node.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const property = children[i]!.children;
    const keyNode = property?.[0];
    const value = property?.[1];
    if (keyNode && value && typeof keyNode.value === 'string') visit(keyNode.value, value, keyNode);
  }
}

/** The shared empty list of read-only members: almost every object has none. */
const NONE: Prop<unknown>[] = [];
Object.freeze(NONE);

function dimension(node: Node): MetricDimension {
  const d: MetricDimension = { range: rangeOf(node), node, name: undefined, value: undefined };
  forEachMember(node, (key, value, keyNode) => {
    if (key === 'Name') d.name = str(value, keyNode);
    else if (key === 'Value') d.value = str(value, keyNode);
  });
  return d;
}

function metricStat(value: Node, key: Node): MetricStat | undefined {
  if (value.type !== 'object') return undefined;
  const stat: MetricStat = { range: rangeOf(value), keyRange: rangeOf(key), node: value, metric: undefined, stat: undefined, unit: undefined };
  forEachMember(value, (k, v, kn) => {
    if (k === 'Stat') stat.stat = str(v, kn);
    else if (k === 'Unit') stat.unit = str(v, kn);
    else if (k === 'Metric') {
      if (v.type !== 'object') {
        stat.metric = undefined;
        return;
      }
      const metric: MetricStatMetric = { range: rangeOf(v), keyRange: rangeOf(kn), node: v, metricName: undefined, namespace: undefined, dimensions: undefined };
      forEachMember(v, (mk, mv, mkn) => {
        if (mk === 'MetricName') metric.metricName = str(mv, mkn);
        else if (mk === 'Namespace') metric.namespace = str(mv, mkn);
        else if (mk === 'Dimensions') metric.dimensions = arrayOf(mv, mkn, dimension);
      });
      stat.metric = metric;
    }
  });
  return stat;
}

function metricDataQuery(node: Node, index: number): MetricDataQuery {
  const q: MetricDataQuery = { range: rangeOf(node), node, index, id: undefined, expression: undefined, label: undefined, metricStat: undefined, returnData: undefined };
  forEachMember(node, (key, value, keyNode) => {
    switch (key) {
      case 'Id': q.id = str(value, keyNode); break;
      case 'Expression': q.expression = str(value, keyNode); break;
      case 'Label': q.label = str(value, keyNode); break;
      case 'MetricStat': q.metricStat = metricStat(value, keyNode); break;
      case 'ReturnData': q.returnData = bool(value, keyNode); break;
    }
  });
  return q;
}

function stepAdjustment(node: Node, index: number): StepAdjustment {
  const step: StepAdjustment = { range: rangeOf(node), node, index, lowerBound: undefined, upperBound: undefined, scalingAdjustment: undefined };
  forEachMember(node, (key, value, keyNode) => {
    switch (key) {
      case 'MetricIntervalLowerBound': step.lowerBound = num(value, keyNode); break;
      case 'MetricIntervalUpperBound': step.upperBound = num(value, keyNode); break;
      case 'ScalingAdjustment': step.scalingAdjustment = num(value, keyNode); break;
    }
  });
  return step;
}

function stepScaling(value: Node, key: Node): StepScalingConfiguration | undefined {
  if (value.type !== 'object') return undefined;
  const c: StepScalingConfiguration = { range: rangeOf(value), keyRange: rangeOf(key), node: value, adjustmentType: undefined, stepAdjustments: undefined, minAdjustmentMagnitude: undefined, cooldown: undefined, metricAggregationType: undefined };
  forEachMember(value, (k, v, kn) => {
    switch (k) {
      case 'AdjustmentType': c.adjustmentType = str(v, kn); break;
      case 'StepAdjustments': c.stepAdjustments = arrayOf(v, kn, stepAdjustment); break;
      case 'MinAdjustmentMagnitude': c.minAdjustmentMagnitude = num(v, kn); break;
      case 'Cooldown': c.cooldown = num(v, kn); break;
      case 'MetricAggregationType': c.metricAggregationType = str(v, kn); break;
    }
  });
  return c;
}

function predefinedMetric(value: Node, key: Node): PredefinedMetric | undefined {
  if (value.type !== 'object') return undefined;
  const m: PredefinedMetric = { range: rangeOf(value), keyRange: rangeOf(key), node: value, predefinedMetricType: undefined, resourceLabel: undefined };
  forEachMember(value, (k, v, kn) => {
    if (k === 'PredefinedMetricType') m.predefinedMetricType = str(v, kn);
    else if (k === 'ResourceLabel') m.resourceLabel = str(v, kn);
  });
  return m;
}

function customizedMetric(value: Node, key: Node): CustomizedMetric | undefined {
  if (value.type !== 'object') return undefined;
  const m: CustomizedMetric = { range: rangeOf(value), keyRange: rangeOf(key), node: value, metricName: undefined, namespace: undefined, dimensions: undefined, statistic: undefined, unit: undefined, metrics: undefined };
  forEachMember(value, (k, v, kn) => {
    switch (k) {
      case 'MetricName': m.metricName = str(v, kn); break;
      case 'Namespace': m.namespace = str(v, kn); break;
      case 'Dimensions': m.dimensions = arrayOf(v, kn, dimension); break;
      case 'Statistic': m.statistic = str(v, kn); break;
      case 'Unit': m.unit = str(v, kn); break;
      case 'Metrics': m.metrics = arrayOf(v, kn, metricDataQuery); break;
    }
  });
  return m;
}

function targetTracking(value: Node, key: Node): TargetTrackingConfiguration | undefined {
  if (value.type !== 'object') return undefined;
  const c: TargetTrackingConfiguration = { range: rangeOf(value), keyRange: rangeOf(key), node: value, targetValue: undefined, predefined: undefined, customized: undefined, scaleOutCooldown: undefined, scaleInCooldown: undefined, disableScaleIn: undefined };
  forEachMember(value, (k, v, kn) => {
    switch (k) {
      case 'TargetValue': c.targetValue = num(v, kn); break;
      case 'PredefinedMetricSpecification': c.predefined = predefinedMetric(v, kn); break;
      case 'CustomizedMetricSpecification': c.customized = customizedMetric(v, kn); break;
      case 'ScaleOutCooldown': c.scaleOutCooldown = num(v, kn); break;
      case 'ScaleInCooldown': c.scaleInCooldown = num(v, kn); break;
      case 'DisableScaleIn': c.disableScaleIn = bool(v, kn); break;
    }
  });
  return c;
}

function alarm(value: Node, key: Node): CloudWatchAlarm | undefined {
  if (value.type !== 'object') return undefined;
  const a: CloudWatchAlarm = {
    range: rangeOf(value), keyRange: rangeOf(key), node: value, alarmName: undefined, namespace: undefined, metricName: undefined, dimensions: undefined, statistic: undefined,
    extendedStatistic: undefined, period: undefined, evaluationPeriods: undefined, datapointsToAlarm: undefined,
    threshold: undefined, comparisonOperator: undefined, treatMissingData: undefined, metrics: undefined,
  };
  forEachMember(value, (k, v, kn) => {
    switch (k) {
      case 'AlarmName': a.alarmName = str(v, kn); break;
      case 'Namespace': a.namespace = str(v, kn); break;
      case 'MetricName': a.metricName = str(v, kn); break;
      case 'Dimensions': a.dimensions = arrayOf(v, kn, dimension); break;
      case 'Statistic': a.statistic = str(v, kn); break;
      case 'ExtendedStatistic': a.extendedStatistic = str(v, kn); break;
      case 'Period': a.period = num(v, kn); break;
      case 'EvaluationPeriods': a.evaluationPeriods = num(v, kn); break;
      case 'DatapointsToAlarm': a.datapointsToAlarm = num(v, kn); break;
      case 'Threshold': a.threshold = num(v, kn); break;
      case 'ComparisonOperator': a.comparisonOperator = str(v, kn); break;
      case 'TreatMissingData': a.treatMissingData = str(v, kn); break;
      case 'Metrics': a.metrics = arrayOf(v, kn, metricDataQuery); break;
    }
  });
  return a;
}

const READ_ONLY_POLICY: ReadonlySet<string> = new Set(READ_ONLY_MEMBERS.policy);
const READ_ONLY_ACTION: ReadonlySet<string> = new Set(READ_ONLY_MEMBERS.scheduledAction);
const READ_ONLY_TARGET: ReadonlySet<string> = new Set(READ_ONLY_MEMBERS.target);

function policy(node: Node, index: number): ScalingPolicy {
  const p: ScalingPolicy = {
    range: rangeOf(node), node, index, policyName: undefined, policyType: undefined, stepScaling: undefined,
    targetTracking: undefined, predictive: undefined, alarm: undefined, readOnly: NONE,
  };
  forEachMember(node, (key, value, keyNode) => {
    switch (key) {
      case 'PolicyName': p.policyName = str(value, keyNode); break;
      case 'PolicyType': p.policyType = str(value, keyNode); break;
      case 'StepScalingPolicyConfiguration': p.stepScaling = stepScaling(value, keyNode); break;
      case 'TargetTrackingScalingPolicyConfiguration': p.targetTracking = targetTracking(value, keyNode); break;
      case 'PredictiveScalingPolicyConfiguration': p.predictive = objectAt(value, keyNode); break;
      case 'CloudWatchAlarm': p.alarm = alarm(value, keyNode); break;
      default:
        if (READ_ONLY_POLICY.has(key)) p.readOnly = [...p.readOnly, asProp<unknown>(value, keyNode)];
    }
  });
  return p;
}

function scheduledAction(node: Node, index: number): ScheduledAction {
  const a: ScheduledAction = {
    range: rangeOf(node), node, index, name: undefined, schedule: undefined, timezone: undefined,
    startTime: undefined, endTime: undefined, action: undefined, readOnly: NONE,
  };
  forEachMember(node, (key, value, keyNode) => {
    switch (key) {
      case 'ScheduledActionName': a.name = str(value, keyNode); break;
      case 'Schedule': a.schedule = str(value, keyNode); break;
      case 'Timezone': a.timezone = str(value, keyNode); break;
      case 'StartTime': a.startTime = str(value, keyNode); break;
      case 'EndTime': a.endTime = str(value, keyNode); break;
      case 'ScalableTargetAction': {
        if (value.type !== 'object') {
          a.action = undefined;
          break;
        }
        const action: ScalableTargetAction = { range: rangeOf(value), keyRange: rangeOf(keyNode), node: value, minCapacity: undefined, maxCapacity: undefined };
        forEachMember(value, (k, v, kn) => {
          if (k === 'MinCapacity') action.minCapacity = num(v, kn);
          else if (k === 'MaxCapacity') action.maxCapacity = num(v, kn);
        });
        a.action = action;
        break;
      }
      default:
        if (READ_ONLY_ACTION.has(key)) a.readOnly = [...a.readOnly, asProp<unknown>(value, keyNode)];
    }
  });
  return a;
}

function target(node: Node, index: number): ScalableTarget {
  const t: ScalableTarget = {
    range: rangeOf(node), node, index, serviceNamespace: undefined, resourceId: undefined, scalableDimension: undefined,
    minCapacity: undefined, maxCapacity: undefined, roleArn: undefined, suspendedState: undefined, tags: undefined,
    policies: [], scheduledActions: [], readOnly: NONE,
  };
  forEachMember(node, (key, value, keyNode) => {
    switch (key) {
      case 'ServiceNamespace': t.serviceNamespace = str(value, keyNode); break;
      case 'ResourceId': t.resourceId = str(value, keyNode); break;
      case 'ScalableDimension': t.scalableDimension = str(value, keyNode); break;
      case 'MinCapacity': t.minCapacity = num(value, keyNode); break;
      case 'MaxCapacity': t.maxCapacity = num(value, keyNode); break;
      case 'RoleARN': t.roleArn = str(value, keyNode); break;
      case 'SuspendedState': {
        if (value.type !== 'object') {
          t.suspendedState = undefined;
          break;
        }
        const state: SuspendedState = { range: rangeOf(value), keyRange: rangeOf(keyNode), node: value, dynamicScalingInSuspended: undefined, dynamicScalingOutSuspended: undefined, scheduledScalingSuspended: undefined };
        forEachMember(value, (k, v, kn) => {
          if (k === 'DynamicScalingInSuspended') state.dynamicScalingInSuspended = bool(v, kn);
          else if (k === 'DynamicScalingOutSuspended') state.dynamicScalingOutSuspended = bool(v, kn);
          else if (k === 'ScheduledScalingSuspended') state.scheduledScalingSuspended = bool(v, kn);
        });
        t.suspendedState = state;
        break;
      }
      case 'Tags': {
        if (value.type !== 'object') {
          t.tags = undefined;
          break;
        }
        const entries: Prop<string>[] = [];
        const seen = new Set<string>();
        // Last one wins per key, in first-appearance order.
        const byKey = new Map<string, Prop<string> | undefined>();
        forEachMember(value, (k, v, kn) => {
          if (!seen.has(k)) seen.add(k);
          byKey.set(k, str(v, kn));
        });
        for (const k of seen) {
          const entry = byKey.get(k);
          if (entry) entries.push(entry);
        }
        t.tags = { range: rangeOf(value), keyRange: rangeOf(keyNode), node: value, entries };
        break;
      }
      case 'ScalingPolicies': t.policies = value.type === 'array' ? elements(value, policy) : []; break;
      case 'ScheduledActions': t.scheduledActions = value.type === 'array' ? elements(value, scheduledAction) : []; break;
      default:
        if (READ_ONLY_TARGET.has(key)) t.readOnly = [...t.readOnly, asProp<unknown>(value, keyNode)];
    }
  });
  return t;
}

/** Builds the typed model from a parsed tree; undefined when the root is not an object. */
export function buildModel(root: Node | undefined): ScalingFile | undefined {
  if (root?.type !== 'object') return undefined;
  const file: ScalingFile = { range: rangeOf(root), node: root, region: undefined, targetsRange: undefined, targets: [] };
  forEachMember(root, (key, value, keyNode) => {
    if (key === 'Region') file.region = str(value, keyNode);
    else if (key === 'ScalableTargets') {
      file.targetsRange = value.type === 'array' ? rangeOf(value) : undefined;
      file.targets = value.type === 'array' ? elements(value, target) : [];
    }
  });
  return file;
}
