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

function rangeOf(node: Node): Range {
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

class ObjectReader {
  constructor(readonly node: Node) {}

  /** The property node of a member, the last one winning as in JSON.parse. Objects are small: a scan beats a Map. */
  private find(key: string): Node | undefined {
    const children = this.node.children;
    if (!children) return undefined;
    for (let i = children.length - 1; i >= 0; i--) {
      const property = children[i]!;
      if (property.children?.[0]?.value === key) return property;
    }
    return undefined;
  }

  /** Every member name, in order. */
  keys(): string[] {
    const keys: string[] = [];
    for (const property of this.node.children ?? []) {
      const key = property.children?.[0]?.value;
      if (typeof key === 'string' && !keys.includes(key)) keys.push(key);
    }
    return keys;
  }

  private prop<T>(key: string, type: Node['type']): Prop<T> | undefined {
    const property = this.find(key);
    const keyNode = property?.children?.[0];
    const valueNode = property?.children?.[1];
    if (!keyNode || !valueNode || valueNode.type !== type) return undefined;
    if (type === 'number' && !Number.isFinite(valueNode.value)) return undefined;
    return new NodeProp<T>(valueNode.value as T, valueNode, keyNode);
  }

  str(key: string): Prop<string> | undefined {
    return this.prop<string>(key, 'string');
  }
  num(key: string): Prop<number> | undefined {
    return this.prop<number>(key, 'number');
  }
  bool(key: string): Prop<boolean> | undefined {
    return this.prop<boolean>(key, 'boolean');
  }
  any(key: string): Prop<unknown> | undefined {
    const property = this.find(key);
    const keyNode = property?.children?.[0];
    const valueNode = property?.children?.[1];
    if (!keyNode || !valueNode) return undefined;
    return new NodeProp<unknown>(valueNode.value, valueNode, keyNode);
  }
  /** The named member if it is an object, as a Located plus its reader. */
  obj(key: string): (Located & { reader: ObjectReader }) | undefined {
    const property = this.find(key);
    const valueNode = property?.children?.[1];
    if (valueNode?.type !== 'object') return undefined;
    return { range: rangeOf(valueNode), keyRange: rangeOf(property!.children![0]!), node: valueNode, reader: new ObjectReader(valueNode) };
  }
  /** The named member if it is an array: its Located and its element nodes. */
  arr(key: string): (Located & { elements: Node[] }) | undefined {
    const property = this.find(key);
    const valueNode = property?.children?.[1];
    if (valueNode?.type !== 'array') return undefined;
    return { range: rangeOf(valueNode), keyRange: rangeOf(property!.children![0]!), node: valueNode, elements: valueNode.children ?? [] };
  }
  readOnly(keys: readonly string[]): Prop<unknown>[] {
    let found: Prop<unknown>[] | undefined;
    for (const key of keys) {
      const prop = this.any(key);
      if (prop) (found ??= []).push(prop);
    }
    return found ?? NONE;
  }
}

/** The shared empty list of read-only members: almost every object has none. */
const NONE: Prop<unknown>[] = [];
Object.freeze(NONE);

function objects<T>(list: (Located & { elements: Node[] }) | undefined, build: (node: Node, index: number) => T): T[] {
  const result: T[] = [];
  list?.elements.forEach((node, index) => {
    if (node.type === 'object') result.push(build(node, index));
  });
  return result;
}

function located(node: Node): Located {
  return { range: rangeOf(node), node };
}

function list<T>(reader: ObjectReader, key: string, build: (node: Node, index: number) => T): (Located & { items: T[] }) | undefined {
  const array = reader.arr(key);
  if (!array) return undefined;
  return { range: array.range, keyRange: array.keyRange, node: array.node, items: objects(array, build) };
}

function dimension(node: Node): MetricDimension {
  const r = new ObjectReader(node);
  return { ...located(node), name: r.str('Name'), value: r.str('Value') };
}

function metricDataQuery(node: Node, index: number): MetricDataQuery {
  const r = new ObjectReader(node);
  const stat = r.obj('MetricStat');
  let metricStat: MetricStat | undefined;
  if (stat) {
    const metric = stat.reader.obj('Metric');
    metricStat = {
      range: stat.range, keyRange: stat.keyRange, node: stat.node,
      stat: stat.reader.str('Stat'),
      unit: stat.reader.str('Unit'),
      metric: metric && {
        range: metric.range, keyRange: metric.keyRange, node: metric.node,
        metricName: metric.reader.str('MetricName'),
        namespace: metric.reader.str('Namespace'),
        dimensions: list(metric.reader, 'Dimensions', dimension),
      },
    };
  }
  return {
    ...located(node), index,
    id: r.str('Id'), expression: r.str('Expression'), label: r.str('Label'),
    metricStat, returnData: r.bool('ReturnData'),
  };
}

function stepAdjustment(node: Node, index: number): StepAdjustment {
  const r = new ObjectReader(node);
  return {
    ...located(node), index,
    lowerBound: r.num('MetricIntervalLowerBound'),
    upperBound: r.num('MetricIntervalUpperBound'),
    scalingAdjustment: r.num('ScalingAdjustment'),
  };
}

function policy(node: Node, index: number): ScalingPolicy {
  const r = new ObjectReader(node);
  const step = r.obj('StepScalingPolicyConfiguration');
  const tt = r.obj('TargetTrackingScalingPolicyConfiguration');
  const predictive = r.obj('PredictiveScalingPolicyConfiguration');
  const alarm = r.obj('CloudWatchAlarm');
  let targetTracking: TargetTrackingConfiguration | undefined;
  if (tt) {
    const predefined = tt.reader.obj('PredefinedMetricSpecification');
    const customized = tt.reader.obj('CustomizedMetricSpecification');
    targetTracking = {
      range: tt.range, keyRange: tt.keyRange, node: tt.node,
      targetValue: tt.reader.num('TargetValue'),
      scaleOutCooldown: tt.reader.num('ScaleOutCooldown'),
      scaleInCooldown: tt.reader.num('ScaleInCooldown'),
      disableScaleIn: tt.reader.bool('DisableScaleIn'),
      predefined: predefined && {
        range: predefined.range, keyRange: predefined.keyRange, node: predefined.node,
        predefinedMetricType: predefined.reader.str('PredefinedMetricType'),
        resourceLabel: predefined.reader.str('ResourceLabel'),
      },
      customized: customized && {
        range: customized.range, keyRange: customized.keyRange, node: customized.node,
        metricName: customized.reader.str('MetricName'),
        namespace: customized.reader.str('Namespace'),
        dimensions: list(customized.reader, 'Dimensions', dimension),
        statistic: customized.reader.str('Statistic'),
        unit: customized.reader.str('Unit'),
        metrics: list(customized.reader, 'Metrics', metricDataQuery),
      },
    };
  }
  return {
    ...located(node), index,
    policyName: r.str('PolicyName'),
    policyType: r.str('PolicyType'),
    stepScaling: step && {
      range: step.range, keyRange: step.keyRange, node: step.node,
      adjustmentType: step.reader.str('AdjustmentType'),
      stepAdjustments: list(step.reader, 'StepAdjustments', stepAdjustment),
      minAdjustmentMagnitude: step.reader.num('MinAdjustmentMagnitude'),
      cooldown: step.reader.num('Cooldown'),
      metricAggregationType: step.reader.str('MetricAggregationType'),
    },
    targetTracking,
    predictive: predictive && { range: predictive.range, keyRange: predictive.keyRange, node: predictive.node },
    alarm: alarm && {
      range: alarm.range, keyRange: alarm.keyRange, node: alarm.node,
      alarmName: alarm.reader.str('AlarmName'),
      namespace: alarm.reader.str('Namespace'),
      metricName: alarm.reader.str('MetricName'),
      dimensions: list(alarm.reader, 'Dimensions', dimension),
      statistic: alarm.reader.str('Statistic'),
      extendedStatistic: alarm.reader.str('ExtendedStatistic'),
      period: alarm.reader.num('Period'),
      evaluationPeriods: alarm.reader.num('EvaluationPeriods'),
      datapointsToAlarm: alarm.reader.num('DatapointsToAlarm'),
      threshold: alarm.reader.num('Threshold'),
      comparisonOperator: alarm.reader.str('ComparisonOperator'),
      treatMissingData: alarm.reader.str('TreatMissingData'),
      metrics: list(alarm.reader, 'Metrics', metricDataQuery),
    },
    readOnly: r.readOnly(READ_ONLY_MEMBERS.policy),
  };
}

function scheduledAction(node: Node, index: number): ScheduledAction {
  const r = new ObjectReader(node);
  const action = r.obj('ScalableTargetAction');
  return {
    ...located(node), index,
    name: r.str('ScheduledActionName'),
    schedule: r.str('Schedule'),
    timezone: r.str('Timezone'),
    startTime: r.str('StartTime'),
    endTime: r.str('EndTime'),
    action: action && {
      range: action.range, keyRange: action.keyRange, node: action.node,
      minCapacity: action.reader.num('MinCapacity'),
      maxCapacity: action.reader.num('MaxCapacity'),
    },
    readOnly: r.readOnly(READ_ONLY_MEMBERS.scheduledAction),
  };
}

function target(node: Node, index: number): ScalableTarget {
  const r = new ObjectReader(node);
  const suspended = r.obj('SuspendedState');
  const tags = r.obj('Tags');
  return {
    ...located(node), index,
    serviceNamespace: r.str('ServiceNamespace'),
    resourceId: r.str('ResourceId'),
    scalableDimension: r.str('ScalableDimension'),
    minCapacity: r.num('MinCapacity'),
    maxCapacity: r.num('MaxCapacity'),
    roleArn: r.str('RoleARN'),
    suspendedState: suspended && {
      range: suspended.range, keyRange: suspended.keyRange, node: suspended.node,
      dynamicScalingInSuspended: suspended.reader.bool('DynamicScalingInSuspended'),
      dynamicScalingOutSuspended: suspended.reader.bool('DynamicScalingOutSuspended'),
      scheduledScalingSuspended: suspended.reader.bool('ScheduledScalingSuspended'),
    },
    tags: tags && {
      range: tags.range, keyRange: tags.keyRange, node: tags.node,
      entries: tags.reader.keys().map((k) => tags.reader.str(k)).filter((p): p is Prop<string> => p !== undefined),
    },
    policies: objects(r.arr('ScalingPolicies'), policy),
    scheduledActions: objects(r.arr('ScheduledActions'), scheduledAction),
    readOnly: r.readOnly(READ_ONLY_MEMBERS.target),
  };
}

/** Builds the typed model from a parsed tree; undefined when the root is not an object. */
export function buildModel(root: Node | undefined): ScalingFile | undefined {
  if (root?.type !== 'object') return undefined;
  const r = new ObjectReader(root);
  const targets = r.arr('ScalableTargets');
  return {
    ...located(root),
    region: r.str('Region'),
    targetsRange: targets?.range,
    targets: objects(targets, target),
  };
}
