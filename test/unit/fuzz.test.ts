import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../../core/lint/check';
import { damaged } from '../damage';
import { completionsAt } from '../../core/language/completion';
import { applyEdits } from '../../core/document/edits';

// Property-based: whatever the text, the engine returns findings inside the document,
// throws nothing and gives the same answer twice. Documents are generated from the file
// format (so the rules run deep), then mutated at the character level (so the parser sees
// everything in between).

const NOW = new Date('2026-11-28T12:00:00Z');

const small = fc.oneof(
  fc.integer({ min: -5, max: 25 }),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.constantFrom(0, 1, 60, 300, 3600, -1),
);
const namey = fc.oneof(
  fc.constantFrom('AllTraffic', 'my-endpoint', 'ep_1', '', 'x'.repeat(70), 'scale:up', ' lead'),
  fc.string({ maxLength: 12 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const schedule = fc.oneof(
  fc.constantFrom(
    'cron(0 8 * * ? *)',
    'cron(0 8 * * *)',
    'cron(0 8 ? * MON-FRI *)',
    'cron(0 16 * * MON-FRI *)',
    'cron(0 0 30 2 ? *)',
    'cron(* * * * ? *)',
    'cron(0 12 ? * 6#3 *)',
    'cron(0 0 L * ? *)',
    'cron(15 10 ? * 6L 2026-2027)',
    'cron(0 2 * * ? 1999)',
    'cron(0 8 ? * 0 *)',
    'cron()',
    'cron(',
    'rate(5 minutes)',
    'rate(1 minutes)',
    'rate(0 hours)',
    'rate(1 week)',
    'at(2027-01-01T08:00:00)',
    'at(2020-01-01T00:00:00)',
    'at(2027-02-30T08:00:00)',
    '0 8 * * *',
    '',
  ),
  fc.string({ maxLength: 30 }).map((s) => `cron(${s})`),
  fc.string({ maxLength: 20 }),
);

const stepAdjustment = fc.record(
  {
    MetricIntervalLowerBound: maybe(small),
    MetricIntervalUpperBound: maybe(small),
    ScalingAdjustment: maybe(small),
  },
  { requiredKeys: [] },
);

const dimension = fc.constantFrom(
  'sagemaker:variant:DesiredInstanceCount',
  'sagemaker:variant:DesiredProvisionedConcurrency',
  'sagemaker:inference-component:DesiredCopyCount',
  'ecs:service:DesiredCount',
  'dynamodb:table:ReadCapacityUnits',
  'bogus',
);
const metricType = fc.constantFrom(
  'SageMakerVariantInvocationsPerInstance',
  'SageMakerVariantProvisionedConcurrencyUtilization',
  'SageMakerVariantConcurrentRequestsPerModelHighResolution',
  'ALBRequestCountPerTarget',
  'ECSServiceAverageCPUUtilization',
  'Nope',
);
const dims = fc.array(
  fc.record({ Name: fc.constantFrom('EndpointName', 'VariantName', 'InferenceComponentName', 'Other'), Value: namey }),
  { maxLength: 3 },
);

const alarm = fc.record(
  {
    AlarmName: namey,
    Namespace: fc.constantFrom('AWS/SageMaker', 'Custom'),
    MetricName: fc.constantFrom('InvocationsPerInstance', 'ModelLatency', 'CPUUtilization'),
    Dimensions: dims,
    Statistic: maybe(fc.constantFrom('Average', 'Maximum', 'p99')),
    ExtendedStatistic: maybe(fc.constantFrom('p99')),
    Period: maybe(fc.constantFrom(10, 30, 45, 60, 120)),
    EvaluationPeriods: maybe(small),
    DatapointsToAlarm: maybe(small),
    Threshold: maybe(small),
    ComparisonOperator: fc.constantFrom(
      'GreaterThanOrEqualToThreshold',
      'GreaterThanThreshold',
      'LessThanThreshold',
      'LessThanOrEqualToThreshold',
      'LessThanLowerOrGreaterThanUpperThreshold',
    ),
  },
  { requiredKeys: [] },
);

const metricQuery = fc.record(
  {
    Id: fc.constantFrom('m1', 'm2', 'e1', 'E1', '1x', 'm1'),
    Expression: maybe(fc.constantFrom('m1 / m2', 'm1 + e1', 'SUM(METRICS())', 'x')),
    MetricStat: maybe(
      fc.record(
        {
          Metric: fc.record({ MetricName: namey, Namespace: namey, Dimensions: dims }, { requiredKeys: [] }),
          Stat: fc.constantFrom('Average', 'p99', 'Sum'),
        },
        { requiredKeys: [] },
      ),
    ),
    ReturnData: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);

const policy = fc.record(
  {
    PolicyName: namey,
    PolicyType: fc.constantFrom('StepScaling', 'TargetTrackingScaling', 'PredictiveScaling', 'Other'),
    StepScalingPolicyConfiguration: maybe(
      fc.record(
        {
          AdjustmentType: maybe(fc.constantFrom('ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity')),
          StepAdjustments: maybe(fc.array(stepAdjustment, { maxLength: 25 })),
          MinAdjustmentMagnitude: maybe(small),
          Cooldown: maybe(small),
          MetricAggregationType: maybe(fc.constantFrom('Average', 'Maximum', 'Sum')),
        },
        { requiredKeys: [] },
      ),
    ),
    TargetTrackingScalingPolicyConfiguration: maybe(
      fc.record(
        {
          TargetValue: maybe(small),
          PredefinedMetricSpecification: maybe(
            fc.record({ PredefinedMetricType: metricType, ResourceLabel: maybe(namey) }, { requiredKeys: [] }),
          ),
          CustomizedMetricSpecification: maybe(
            fc.record(
              {
                MetricName: maybe(namey),
                Namespace: maybe(namey),
                Statistic: maybe(fc.constantFrom('Average', 'p99')),
                Dimensions: maybe(dims),
                Metrics: maybe(fc.array(metricQuery, { maxLength: 4 })),
              },
              { requiredKeys: [] },
            ),
          ),
          ScaleInCooldown: maybe(small),
          ScaleOutCooldown: maybe(small),
          DisableScaleIn: maybe(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
    ),
    CloudWatchAlarm: maybe(alarm),
    PolicyARN: maybe(fc.constant('arn:aws:autoscaling:...')),
  },
  { requiredKeys: [] },
);

const action = fc.record(
  {
    ScheduledActionName: namey,
    Schedule: maybe(schedule),
    Timezone: maybe(
      fc.constantFrom('Europe/Berlin', 'Europe/Berln', 'PST', 'America/New_York', 'Etc/GMT+9', 'UTC', ''),
    ),
    StartTime: maybe(fc.constantFrom('2026-01-01T00:00:00Z', '2030-01-01T00:00:00', 'soon')),
    EndTime: maybe(fc.constantFrom('2025-01-01T00:00:00Z', '2031-01-01T00:00:00Z')),
    ScalableTargetAction: maybe(
      fc.record({ MinCapacity: maybe(small), MaxCapacity: maybe(small) }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: [] },
);

const target = fc.record(
  {
    ServiceNamespace: fc.constantFrom('sagemaker', 'ecs', 'kafka', 'nope'),
    ResourceId: fc.oneof(
      fc.constantFrom(
        'endpoint/my-endpoint/variant/AllTraffic',
        'inference-component/ic-1',
        'endpoint/bad_name/variant/x',
        'service/c/s',
      ),
      namey,
    ),
    ScalableDimension: dimension,
    MinCapacity: maybe(small),
    MaxCapacity: maybe(small),
    RoleARN: maybe(namey),
    SuspendedState: maybe(fc.record({ DynamicScalingInSuspended: fc.boolean() })),
    ScalingPolicies: maybe(fc.array(policy, { maxLength: 4 })),
    ScheduledActions: maybe(fc.array(action, { maxLength: 4 })),
  },
  { requiredKeys: ['ServiceNamespace', 'ResourceId', 'ScalableDimension'] },
);

const documentText = fc
  .record(
    {
      Region: maybe(fc.constantFrom('us-east-1', 'mars-1')),
      ScalableTargets: fc.array(target, { maxLength: 3 }),
    },
    { requiredKeys: ['ScalableTargets'] },
  )
  .chain((doc) =>
    fc.oneof(
      fc.constant(JSON.stringify(doc, null, 2)),
      fc.constant(JSON.stringify(doc)),
      fc.constant(`// scaling-disable-next-line target.min-le-max\n${JSON.stringify(doc, null, 1)}`),
    ),
  );

const mutated = damaged(documentText, { slice: 40, noise: 8 });

function checkOne(text: string): void {
  const first = analyzeText(text, { now: NOW });
  for (const f of first.findings) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), `${f.code}: integer offsets`);
    assert.ok(
      f.start >= 0 && f.start <= f.end && f.end <= text.length,
      `${f.code}: range [${f.start}, ${f.end}) outside the document of ${text.length}`,
    );
    for (const r of f.related ?? [])
      assert.ok(
        r.start >= 0 && r.start <= r.end && r.end <= text.length,
        `${f.code}: related range outside the document`,
      );
    for (const fix of f.fixes ?? [])
      for (const e of fix.edits)
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.code}: fix edit outside the document`);
    assert.ok(f.message.length > 0);
  }
  const second = analyzeText(text, { now: NOW });
  assert.deepEqual(second.findings, first.findings, 'deterministic');
  completionsAt(text, first.model, text.length >> 1);
}

describe('engine under generated and mutated documents', () => {
  it('never throws, keeps ranges inside the document, and is deterministic (10,000 documents)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 2, arbitrary: mutated },
          { weight: 1, arbitrary: documentText },
          { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
        ),
        (text) => {
          checkOne(text);
        },
      ),
      { numRuns: 10_000, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
    );
  });

  it('every quick fix of a well-formed document leaves it well-formed (2,000 documents)', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        for (const f of analyzeText(text, { now: NOW }).findings) {
          for (const fix of f.fixes ?? []) {
            const edits = [...fix.edits].sort((a, b) => a.start - b.start);
            edits.forEach((e, i) =>
              assert.ok(i === 0 || edits[i - 1]!.end <= e.start, `${f.code}: "${fix.title}" has overlapping edits`),
            );
            const after = analyzeText(applyEdits(text, fix.edits), { now: NOW });
            assert.deepEqual(after.parsed.syntaxErrors, [], `${f.code}: "${fix.title}" leaves syntax errors`);
          }
        }
      }),
      { numRuns: 2_000, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
    );
  });
});
