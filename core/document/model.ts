import type { Range } from '../finding';
import { memberOf, type Item } from './tree';

// The typed model of a *.scaling.json document. Built in one walk over the document's Items
// (core/document/tree.ts); every value keeps the range of its text so a rule can point at it. A
// member whose JSON type is wrong is left out of the typed view (the schema layer reports
// the type), but it is still visible through `has()`, so "missing" rules do not fire on it.

/**
 * A member's value with the ranges of its value and of its key. It is the member's Item
 * itself (typed by the builder), so a rule can also reach the Item for an edit.
 */
export type Prop<T> = Item & { readonly value: T };

/** An object of the file: its whole range, the range of the key that holds it, its Item. */
export interface Located {
  range: Range;
  /** The member name that holds this object, or undefined for array elements and the root. */
  keyRange?: Range;
  item: Item;
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

/** A list of strings (an alarm's actions): its elements of type string, with their ranges. */
export interface StringList extends Located {
  items: Prop<string>[];
}

export interface CloudWatchAlarm extends Located {
  /** Its position in `CloudWatchAlarms`; undefined for `CloudWatchAlarm`. */
  index: number | undefined;
  alarmName?: Prop<string>;
  /** The states whose actions get the policy's ARN: one string, or the strings of a list. */
  triggerPolicyOn?: Located & { states: Prop<string>[] };
  alarmActions?: StringList;
  okActions?: StringList;
  insufficientDataActions?: StringList;
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
  /** The first alarm: `CloudWatchAlarm`, else the first of `CloudWatchAlarms`. */
  alarm?: CloudWatchAlarm;
  /** Every alarm: `CloudWatchAlarm`, then those of `CloudWatchAlarms` (a file has one key or the other). */
  alarms: CloudWatchAlarm[];
  /** The `CloudWatchAlarms` array itself, when the policy has one. */
  alarmList?: Located & { items: CloudWatchAlarm[] };
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

/** The range of an item's value. */
export function rangeOf(item: Item): Range {
  return { start: item.start, end: item.end };
}

/** Whether an object has a member of that name, whatever the type of its value. */
export function has(located: Located | undefined, key: string): boolean {
  return located !== undefined && memberOf(located.item, key) !== undefined;
}

/** The Item of the named member of an object (the first, if the name repeats), if it has one. */
export function member(located: Located, key: string): Item | undefined {
  return memberOf(located.item, key);
}

/** The policy's `CloudWatchAlarm` object itself: `alarm` falls back to the first of `CloudWatchAlarms`, whose elements have no key. */
export function singleAlarm(policy: ScalingPolicy): CloudWatchAlarm | undefined {
  return policy.alarm?.keyRange ? policy.alarm : undefined;
}

// The builders below walk each object's members once, in order, with a switch on the key:
// a later duplicate overwrites an earlier one, as in JSON.parse, and a value of the wrong
// type leaves the member undefined (the schema reports the type). One pass per object
// and no intermediate maps or spreads keep the build linear and light. Each object is
// one literal naming all its fields (range, keyRange and item included): built as
// `{ ...located, more }` its extra fields went to a separate, repeatedly regrown property
// store, which made the model build cost as much as the parse. A member's typed value is
// its Item, so the model allocates nothing per member.

function str(m: Item): Prop<string> | undefined {
  return m.type === 'string' ? (m as Prop<unknown> as Prop<string>) : undefined;
}

function num(m: Item): Prop<number> | undefined {
  return m.type === 'number' && Number.isFinite(m.value) ? (m as Prop<unknown> as Prop<number>) : undefined;
}

function bool(m: Item): Prop<boolean> | undefined {
  return m.type === 'boolean' ? (m as Prop<unknown> as Prop<boolean>) : undefined;
}

/** The members of an object item (a name still being typed is a member of type `missing`). */
function membersOf(item: Item): Item[] {
  return item.children ?? NO_ITEMS;
}

const NO_ITEMS: Item[] = [];
Object.freeze(NO_ITEMS);

function objectAt(m: Item): Located | undefined {
  return m.type === 'object' ? { range: rangeOf(m), keyRange: m.keyRange, item: m } : undefined;
}

/** The object elements of an array member, built with their positions in the array. */
function arrayOf<T>(m: Item, build: (item: Item, index: number) => T): (Located & { items: T[] }) | undefined {
  if (m.type !== 'array') return undefined;
  return { range: rangeOf(m), keyRange: m.keyRange, item: m, items: elements(m, build) };
}

function elements<T>(array: Item, build: (item: Item, index: number) => T): T[] {
  const children = array.children;
  if (!children) return [];
  // Sized up front: pushing onto [] reserves room for 17, and most of these lists hold one to three.
  let count = 0;
  for (let i = 0; i < children.length; i++) if (children[i]!.type === 'object') count++;
  const items = new Array<T>(count);
  for (let i = 0, n = 0; i < children.length; i++) {
    const element = children[i]!;
    if (element.type === 'object') items[n++] = build(element, i);
  }
  return items;
}

/** The shared empty list of read-only members: almost every object has none. */
const NONE: Prop<unknown>[] = [];
Object.freeze(NONE);

function stringList(m: Item): StringList | undefined {
  if (m.type !== 'array') return undefined;
  const items: Prop<string>[] = [];
  for (const element of m.children ?? NO_ITEMS) if (element.type === 'string') items.push(element as Prop<string>);
  return { range: rangeOf(m), keyRange: m.keyRange, item: m, items };
}

/** TriggerPolicyOn: one state as a string, or a list of them (the schema reports other types). */
function triggerPolicyOn(m: Item): (Located & { states: Prop<string>[] }) | undefined {
  if (m.type === 'string') return { range: rangeOf(m), keyRange: m.keyRange, item: m, states: [m as Prop<string>] };
  const list = stringList(m);
  return list && { range: list.range, keyRange: list.keyRange, item: m, states: list.items };
}

function dimension(item: Item): MetricDimension {
  const d: MetricDimension = { range: rangeOf(item), item, name: undefined, value: undefined };
  for (const m of membersOf(item)) {
    if (m.type === 'missing') continue;
    if (m.key === 'Name') d.name = str(m);
    else if (m.key === 'Value') d.value = str(m);
  }
  return d;
}

function metricStatMetric(v: Item): MetricStatMetric {
  const metric: MetricStatMetric = {
    range: rangeOf(v),
    keyRange: v.keyRange,
    item: v,
    metricName: undefined,
    namespace: undefined,
    dimensions: undefined,
  };
  for (const m of membersOf(v)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'MetricName':
        metric.metricName = str(m);
        break;
      case 'Namespace':
        metric.namespace = str(m);
        break;
      case 'Dimensions':
        metric.dimensions = arrayOf(m, dimension);
        break;
    }
  }
  return metric;
}

function metricStat(value: Item): MetricStat | undefined {
  if (value.type !== 'object') return undefined;
  const stat: MetricStat = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    metric: undefined,
    stat: undefined,
    unit: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'Stat':
        stat.stat = str(m);
        break;
      case 'Unit':
        stat.unit = str(m);
        break;
      case 'Metric':
        stat.metric = m.type === 'object' ? metricStatMetric(m) : undefined;
        break;
    }
  }
  return stat;
}

function metricDataQuery(item: Item, index: number): MetricDataQuery {
  const q: MetricDataQuery = {
    range: rangeOf(item),
    item,
    index,
    id: undefined,
    expression: undefined,
    label: undefined,
    metricStat: undefined,
    returnData: undefined,
  };
  for (const m of membersOf(item)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'Id':
        q.id = str(m);
        break;
      case 'Expression':
        q.expression = str(m);
        break;
      case 'Label':
        q.label = str(m);
        break;
      case 'MetricStat':
        q.metricStat = metricStat(m);
        break;
      case 'ReturnData':
        q.returnData = bool(m);
        break;
    }
  }
  return q;
}

function stepAdjustment(item: Item, index: number): StepAdjustment {
  const step: StepAdjustment = {
    range: rangeOf(item),
    item,
    index,
    lowerBound: undefined,
    upperBound: undefined,
    scalingAdjustment: undefined,
  };
  for (const m of membersOf(item)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'MetricIntervalLowerBound':
        step.lowerBound = num(m);
        break;
      case 'MetricIntervalUpperBound':
        step.upperBound = num(m);
        break;
      case 'ScalingAdjustment':
        step.scalingAdjustment = num(m);
        break;
    }
  }
  return step;
}

function stepScaling(value: Item): StepScalingConfiguration | undefined {
  if (value.type !== 'object') return undefined;
  const c: StepScalingConfiguration = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    adjustmentType: undefined,
    stepAdjustments: undefined,
    minAdjustmentMagnitude: undefined,
    cooldown: undefined,
    metricAggregationType: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'AdjustmentType':
        c.adjustmentType = str(m);
        break;
      case 'StepAdjustments':
        c.stepAdjustments = arrayOf(m, stepAdjustment);
        break;
      case 'MinAdjustmentMagnitude':
        c.minAdjustmentMagnitude = num(m);
        break;
      case 'Cooldown':
        c.cooldown = num(m);
        break;
      case 'MetricAggregationType':
        c.metricAggregationType = str(m);
        break;
    }
  }
  return c;
}

function predefinedMetric(value: Item): PredefinedMetric | undefined {
  if (value.type !== 'object') return undefined;
  const p: PredefinedMetric = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    predefinedMetricType: undefined,
    resourceLabel: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    if (m.key === 'PredefinedMetricType') p.predefinedMetricType = str(m);
    else if (m.key === 'ResourceLabel') p.resourceLabel = str(m);
  }
  return p;
}

function customizedMetric(value: Item): CustomizedMetric | undefined {
  if (value.type !== 'object') return undefined;
  const c: CustomizedMetric = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    metricName: undefined,
    namespace: undefined,
    dimensions: undefined,
    statistic: undefined,
    unit: undefined,
    metrics: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'MetricName':
        c.metricName = str(m);
        break;
      case 'Namespace':
        c.namespace = str(m);
        break;
      case 'Dimensions':
        c.dimensions = arrayOf(m, dimension);
        break;
      case 'Statistic':
        c.statistic = str(m);
        break;
      case 'Unit':
        c.unit = str(m);
        break;
      case 'Metrics':
        c.metrics = arrayOf(m, metricDataQuery);
        break;
    }
  }
  return c;
}

function targetTracking(value: Item): TargetTrackingConfiguration | undefined {
  if (value.type !== 'object') return undefined;
  const c: TargetTrackingConfiguration = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    targetValue: undefined,
    predefined: undefined,
    customized: undefined,
    scaleOutCooldown: undefined,
    scaleInCooldown: undefined,
    disableScaleIn: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'TargetValue':
        c.targetValue = num(m);
        break;
      case 'PredefinedMetricSpecification':
        c.predefined = predefinedMetric(m);
        break;
      case 'CustomizedMetricSpecification':
        c.customized = customizedMetric(m);
        break;
      case 'ScaleOutCooldown':
        c.scaleOutCooldown = num(m);
        break;
      case 'ScaleInCooldown':
        c.scaleInCooldown = num(m);
        break;
      case 'DisableScaleIn':
        c.disableScaleIn = bool(m);
        break;
    }
  }
  return c;
}

function alarm(value: Item, index?: number): CloudWatchAlarm | undefined {
  if (value.type !== 'object') return undefined;
  const a: CloudWatchAlarm = {
    range: rangeOf(value),
    // An element of CloudWatchAlarms has no key of its own (Item.keyRange is then its range).
    keyRange: index === undefined ? value.keyRange : undefined,
    item: value,
    index,
    alarmName: undefined,
    triggerPolicyOn: undefined,
    alarmActions: undefined,
    okActions: undefined,
    insufficientDataActions: undefined,
    namespace: undefined,
    metricName: undefined,
    dimensions: undefined,
    statistic: undefined,
    extendedStatistic: undefined,
    period: undefined,
    evaluationPeriods: undefined,
    datapointsToAlarm: undefined,
    threshold: undefined,
    comparisonOperator: undefined,
    treatMissingData: undefined,
    metrics: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'AlarmName':
        a.alarmName = str(m);
        break;
      case 'TriggerPolicyOn':
        a.triggerPolicyOn = triggerPolicyOn(m);
        break;
      case 'AlarmActions':
        a.alarmActions = stringList(m);
        break;
      case 'OKActions':
        a.okActions = stringList(m);
        break;
      case 'InsufficientDataActions':
        a.insufficientDataActions = stringList(m);
        break;
      case 'Namespace':
        a.namespace = str(m);
        break;
      case 'MetricName':
        a.metricName = str(m);
        break;
      case 'Dimensions':
        a.dimensions = arrayOf(m, dimension);
        break;
      case 'Statistic':
        a.statistic = str(m);
        break;
      case 'ExtendedStatistic':
        a.extendedStatistic = str(m);
        break;
      case 'Period':
        a.period = num(m);
        break;
      case 'EvaluationPeriods':
        a.evaluationPeriods = num(m);
        break;
      case 'DatapointsToAlarm':
        a.datapointsToAlarm = num(m);
        break;
      case 'Threshold':
        a.threshold = num(m);
        break;
      case 'ComparisonOperator':
        a.comparisonOperator = str(m);
        break;
      case 'TreatMissingData':
        a.treatMissingData = str(m);
        break;
      case 'Metrics':
        a.metrics = arrayOf(m, metricDataQuery);
        break;
    }
  }
  return a;
}

/** The alarms of a CloudWatchAlarms array: its objects, each with its position. */
function alarmList(m: Item): (Located & { items: CloudWatchAlarm[] }) | undefined {
  return arrayOf(m, (item, index) => alarm(item, index)!);
}

/** The shared empty list of alarms: most policies have none. */
const NO_ALARMS: CloudWatchAlarm[] = [];
Object.freeze(NO_ALARMS);

const READ_ONLY_POLICY: ReadonlySet<string> = new Set(READ_ONLY_MEMBERS.policy);
const READ_ONLY_ACTION: ReadonlySet<string> = new Set(READ_ONLY_MEMBERS.scheduledAction);
const READ_ONLY_TARGET: ReadonlySet<string> = new Set(READ_ONLY_MEMBERS.target);

function policy(item: Item, index: number): ScalingPolicy {
  const p: ScalingPolicy = {
    range: rangeOf(item),
    item,
    index,
    policyName: undefined,
    policyType: undefined,
    stepScaling: undefined,
    targetTracking: undefined,
    predictive: undefined,
    alarm: undefined,
    alarms: NO_ALARMS,
    alarmList: undefined,
    readOnly: NONE,
  };
  for (const m of membersOf(item)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'PolicyName':
        p.policyName = str(m);
        break;
      case 'PolicyType':
        p.policyType = str(m);
        break;
      case 'StepScalingPolicyConfiguration':
        p.stepScaling = stepScaling(m);
        break;
      case 'TargetTrackingScalingPolicyConfiguration':
        p.targetTracking = targetTracking(m);
        break;
      case 'PredictiveScalingPolicyConfiguration':
        p.predictive = objectAt(m);
        break;
      case 'CloudWatchAlarm':
        p.alarm = alarm(m);
        break;
      case 'CloudWatchAlarms':
        p.alarmList = alarmList(m);
        break;
      default:
        if (READ_ONLY_POLICY.has(m.key!)) p.readOnly = [...p.readOnly, m];
    }
  }
  const list = p.alarmList?.items;
  if (p.alarm) p.alarms = list?.length ? [p.alarm, ...list] : [p.alarm];
  else if (list?.length) {
    p.alarm = list[0];
    p.alarms = list;
  }
  return p;
}

function scalableTargetAction(value: Item): ScalableTargetAction {
  const action: ScalableTargetAction = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    minCapacity: undefined,
    maxCapacity: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    if (m.key === 'MinCapacity') action.minCapacity = num(m);
    else if (m.key === 'MaxCapacity') action.maxCapacity = num(m);
  }
  return action;
}

function scheduledAction(item: Item, index: number): ScheduledAction {
  const a: ScheduledAction = {
    range: rangeOf(item),
    item,
    index,
    name: undefined,
    schedule: undefined,
    timezone: undefined,
    startTime: undefined,
    endTime: undefined,
    action: undefined,
    readOnly: NONE,
  };
  for (const m of membersOf(item)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'ScheduledActionName':
        a.name = str(m);
        break;
      case 'Schedule':
        a.schedule = str(m);
        break;
      case 'Timezone':
        a.timezone = str(m);
        break;
      case 'StartTime':
        a.startTime = str(m);
        break;
      case 'EndTime':
        a.endTime = str(m);
        break;
      case 'ScalableTargetAction':
        a.action = m.type === 'object' ? scalableTargetAction(m) : undefined;
        break;
      default:
        if (READ_ONLY_ACTION.has(m.key!)) a.readOnly = [...a.readOnly, m];
    }
  }
  return a;
}

function suspendedState(value: Item): SuspendedState {
  const state: SuspendedState = {
    range: rangeOf(value),
    keyRange: value.keyRange,
    item: value,
    dynamicScalingInSuspended: undefined,
    dynamicScalingOutSuspended: undefined,
    scheduledScalingSuspended: undefined,
  };
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'DynamicScalingInSuspended':
        state.dynamicScalingInSuspended = bool(m);
        break;
      case 'DynamicScalingOutSuspended':
        state.dynamicScalingOutSuspended = bool(m);
        break;
      case 'ScheduledScalingSuspended':
        state.scheduledScalingSuspended = bool(m);
        break;
    }
  }
  return state;
}

function tags(value: Item): Located & { entries: Prop<string>[] } {
  // Last one wins per key, in first-appearance order.
  const byKey = new Map<string, Prop<string> | undefined>();
  for (const m of membersOf(value)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    byKey.set(m.key!, str(m));
  }
  const entries: Prop<string>[] = [];
  for (const entry of byKey.values()) if (entry) entries.push(entry);
  return { range: rangeOf(value), keyRange: value.keyRange, item: value, entries };
}

function target(item: Item, index: number): ScalableTarget {
  const t: ScalableTarget = {
    range: rangeOf(item),
    item,
    index,
    serviceNamespace: undefined,
    resourceId: undefined,
    scalableDimension: undefined,
    minCapacity: undefined,
    maxCapacity: undefined,
    roleArn: undefined,
    suspendedState: undefined,
    tags: undefined,
    policies: [],
    scheduledActions: [],
    readOnly: NONE,
  };
  for (const m of membersOf(item)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    switch (m.key) {
      case 'ServiceNamespace':
        t.serviceNamespace = str(m);
        break;
      case 'ResourceId':
        t.resourceId = str(m);
        break;
      case 'ScalableDimension':
        t.scalableDimension = str(m);
        break;
      case 'MinCapacity':
        t.minCapacity = num(m);
        break;
      case 'MaxCapacity':
        t.maxCapacity = num(m);
        break;
      case 'RoleARN':
        t.roleArn = str(m);
        break;
      case 'SuspendedState':
        t.suspendedState = m.type === 'object' ? suspendedState(m) : undefined;
        break;
      case 'Tags':
        t.tags = m.type === 'object' ? tags(m) : undefined;
        break;
      case 'ScalingPolicies':
        t.policies = m.type === 'array' ? elements(m, policy) : [];
        break;
      case 'ScheduledActions':
        t.scheduledActions = m.type === 'array' ? elements(m, scheduledAction) : [];
        break;
      default:
        if (READ_ONLY_TARGET.has(m.key!)) t.readOnly = [...t.readOnly, m];
    }
  }
  return t;
}

/** Builds the typed model from a parsed tree; undefined when the root is not an object. */
export function buildModel(root: Item | undefined): ScalingFile | undefined {
  if (root?.type !== 'object') return undefined;
  const file: ScalingFile = {
    range: rangeOf(root),
    item: root,
    region: undefined,
    targetsRange: undefined,
    targets: [],
  };
  for (const m of membersOf(root)) {
    if (m.type === 'missing') continue; // a name still being typed: as if absent
    if (m.key === 'Region') file.region = str(m);
    else if (m.key === 'ScalableTargets') {
      file.targetsRange = m.type === 'array' ? rangeOf(m) : undefined;
      file.targets = m.type === 'array' ? elements(m, target) : [];
    }
  }
  return file;
}
