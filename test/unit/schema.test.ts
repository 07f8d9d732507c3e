import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  AdjustmentType,
  MetricAggregationType,
  MetricStatistic,
  MetricType,
  PolicyType,
  PredictiveScalingMaxCapacityBreachBehavior,
  PredictiveScalingMode,
  ScalableDimension,
  ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import {
  ClientCapabilities,
  DiagnosticSeverity,
  getLanguageService,
  TextDocument,
  type CompletionItem,
  type Diagnostic,
  type JSONSchema,
} from 'vscode-json-languageservice';
import { SAGEMAKER_METRICS_BY_DIMENSION } from '../../core/facts/sagemaker';
import { CHECKED_ELSEWHERE } from '../catalogue';
import { lintDocument } from '../../core/lint/lintDocument';

// The compiled test lives at out/test/unit/, three levels below the repository root.
const REPO_ROOT = join(__dirname, '../../..');
const SCHEMA_PATH = join(REPO_ROOT, 'schemas/scaling.schema.json');
const SCHEMA_URI = 'file:///scaling.schema.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { [key: string]: Json };
const definitions = schema['definitions'] as { [key: string]: { [key: string]: Json } };

// ----------------------------------------------------------------------------------------
// Enums: the schema must say what the SDK that apply uses says.

/** The SDK enums the schema tracks, by name. */
const SDK_ENUMS: Record<string, Record<string, string>> = {
  ServiceNamespace,
  ScalableDimension,
  PolicyType,
  AdjustmentType,
  MetricAggregationType,
  MetricType,
  MetricStatistic,
  PredictiveScalingMode,
  PredictiveScalingMaxCapacityBreachBehavior,
};

/**
 * Which SDK enum an `enum` in the schema stands for, by the key it sits under: a definition
 * name for the full lists, a property name for the lists inside `if`/`then` (which name the
 * values a SageMaker target must *not* use).
 */
const ENUM_OWNER: Record<string, string> = {
  serviceNamespace: 'ServiceNamespace',
  ServiceNamespace: 'ServiceNamespace',
  scalableDimension: 'ScalableDimension',
  ScalableDimension: 'ScalableDimension',
  policyType: 'PolicyType',
  PolicyType: 'PolicyType',
  adjustmentType: 'AdjustmentType',
  AdjustmentType: 'AdjustmentType',
  metricAggregationType: 'MetricAggregationType',
  MetricAggregationType: 'MetricAggregationType',
  metricType: 'MetricType',
  PredefinedMetricType: 'MetricType',
  metricStatistic: 'MetricStatistic',
  predictiveScalingMode: 'PredictiveScalingMode',
  Mode: 'PredictiveScalingMode',
  predictiveScalingMaxCapacityBreachBehavior: 'PredictiveScalingMaxCapacityBreachBehavior',
  MaxCapacityBreachBehavior: 'PredictiveScalingMaxCapacityBreachBehavior',
};

/** Enums that belong to CloudWatch (PutMetricAlarm), checked against its SDK when installed. */
const CLOUDWATCH_ENUMS: Record<string, string> = {
  cloudWatchStatistic: 'Statistic',
  cloudWatchComparisonOperator: 'ComparisonOperator',
  cloudWatchStandardUnit: 'StandardUnit',
  cloudWatchAlarmState: 'StateValue',
};

/** CloudWatch values documented in prose only (no SDK enum to compare with). */
const PROSE_ENUMS: Record<string, string[]> = {
  cloudWatchTreatMissingData: ['breaching', 'notBreaching', 'ignore', 'missing'],
  EvaluateLowSampleCountPercentile: ['evaluate', 'ignore'],
};

interface FoundEnum {
  path: string[];
  key: string;
  values: string[];
}

/** Every `enum` in the schema with its JSON path and the key it belongs to. */
function collectEnums(node: Json, path: string[] = [], found: FoundEnum[] = []): FoundEnum[] {
  if (Array.isArray(node)) {
    node.forEach((child, i) => collectEnums(child, [...path, String(i)], found));
  } else if (node !== null && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      // Snippet bodies and examples are sample documents, not schema.
      if (key === 'defaultSnippets' || key === 'examples') continue;
      if (key === 'enum' && Array.isArray(child)) {
        const owner = [...path]
          .reverse()
          .find(
            (segment) =>
              !/^\d+$/.test(segment) &&
              !['allOf', 'anyOf', 'oneOf', 'not', 'then', 'else', 'if', 'properties', 'items'].includes(segment),
          );
        found.push({ path: [...path, key], key: owner ?? '', values: child.map(String) });
      } else {
        collectEnums(child, [...path, key], found);
      }
    }
  }
  return found;
}

/** A readable comparison of two value sets; empty when they are equal. */
function setDifference(
  label: string,
  actual: Iterable<string>,
  expected: Iterable<string>,
  allowMissing = false,
): string {
  const have = new Set(actual);
  const want = new Set(expected);
  const missing = [...want].filter((v) => !have.has(v)).sort();
  const extra = [...have].filter((v) => !want.has(v)).sort();
  const lines: string[] = [];
  if (missing.length && !allowMissing) lines.push(`${label}: missing from the schema: ${missing.join(', ')}`);
  if (extra.length) lines.push(`${label}: not in the SDK: ${extra.join(', ')}`);
  return lines.join('\n');
}

const ENUMS = collectEnums(schema);

describe('schema enums follow @aws-sdk/client-application-auto-scaling', () => {
  it('every enum in the schema is accounted for', () => {
    const unknown = ENUMS.filter(
      (e) =>
        !(e.key in ENUM_OWNER) &&
        !(e.key in CLOUDWATCH_ENUMS) &&
        !(e.key in PROSE_ENUMS) &&
        !/^sagemaker/.test(e.values[0] ?? ''),
    );
    assert.deepEqual(
      unknown.map((e) => e.path.join('/')),
      [],
      'an enum nobody checks: map it to its SDK enum in ENUM_OWNER',
    );
  });

  for (const [name, sdkEnum] of Object.entries(SDK_ENUMS)) {
    it(`${name}: the schema lists exactly the SDK's values`, () => {
      const sdkValues = Object.values(sdkEnum);
      const mine = ENUMS.filter((e) => ENUM_OWNER[e.key] === name);
      assert.ok(mine.length > 0, `no enum in the schema tracks ${name}; it was removed or renamed`);
      const full = mine.filter((e) => !e.path.includes('then'));
      assert.ok(full.length > 0, `${name} appears only in narrowed if/then lists, never in full`);
      const problems = [
        ...full.map((e) => setDifference(`${name} at ${e.path.join('/')}`, e.values, sdkValues)),
        // A list inside if/then (the metric types a SageMaker target may not use) leaves values
        // out by design, but must not invent any.
        ...mine
          .filter((e) => e.path.includes('then'))
          .map((e) => setDifference(`${name} at ${e.path.join('/')}`, e.values, sdkValues, true)),
      ].filter(Boolean);
      assert.equal(problems.join('\n'), '');
    });
  }

  it('narrows SageMaker metric types per dimension exactly as the engine does (core/facts/sagemaker.ts)', () => {
    const target = definitions['scalableTarget']!;
    const rules = (target['allOf'] as { if?: { properties?: { ScalableDimension?: { const?: string } } } }[]).filter(
      (r) => r.if?.properties?.ScalableDimension?.const,
    );
    const allMetricTypes = Object.values(MetricType);
    const fromSchema = Object.fromEntries(
      rules.map((rule) => {
        const index = (target['allOf'] as Json[]).indexOf(rule as Json);
        const forbidden = ENUMS.find(
          (e) =>
            e.key === 'PredefinedMetricType' &&
            e.path.join('/').startsWith(`definitions/scalableTarget/allOf/${index}/then/`) &&
            e.path.includes('not'),
        );
        assert.ok(forbidden, `allOf/${index} does not restrict PredefinedMetricType`);
        return [
          rule.if!.properties!.ScalableDimension!.const!,
          allMetricTypes.filter((v) => !forbidden.values.includes(v)).sort(),
        ];
      }),
    );
    const fromEngine = Object.fromEntries(
      Object.entries(SAGEMAKER_METRICS_BY_DIMENSION).map(([dimension, metrics]) => [
        dimension,
        [...(metrics ?? [])].sort(),
      ]),
    );
    assert.deepEqual(fromSchema, fromEngine);
  });

  it('enumDescriptions, where given, line up with their enum', () => {
    const walk = (node: Json, path: string): string[] => {
      if (node === null || typeof node !== 'object') return [];
      if (Array.isArray(node)) return node.flatMap((c, i) => walk(c, `${path}/${i}`));
      const bad: string[] = [];
      const values = node['enum'];
      for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
        const descriptions = node[key];
        if (
          descriptions !== undefined &&
          (!Array.isArray(values) || !Array.isArray(descriptions) || descriptions.length !== values.length)
        )
          bad.push(`${path}/${key}`);
      }
      return [...bad, ...Object.entries(node).flatMap(([k, c]) => walk(c, `${path}/${k}`))];
    };
    assert.deepEqual(walk(schema, ''), []);
  });

  it('CloudWatch enums match @aws-sdk/client-cloudwatch', (t) => {
    let cloudWatch: Record<string, Record<string, string>>;
    try {
      // Optional: the CloudWatch client is only needed here once aws/ depends on it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      cloudWatch = require('@aws-sdk/client-cloudwatch') as Record<string, Record<string, string>>;
    } catch {
      t.skip('@aws-sdk/client-cloudwatch is not installed');
      return;
    }
    const problems = Object.entries(CLOUDWATCH_ENUMS)
      .map(([definition, sdkName]) => {
        const found = ENUMS.find((e) => e.key === definition);
        assert.ok(found, `definition ${definition} has no enum`);
        return setDifference(definition, found.values, Object.values(cloudWatch[sdkName] ?? {}));
      })
      .filter(Boolean);
    assert.equal(problems.join('\n'), '');
  });

  it('patterns are anchored and compile with and without the u flag', () => {
    const patterns: string[] = [];
    const walk = (node: Json): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        node.forEach(walk);
        return;
      }
      if (typeof node['pattern'] === 'string') patterns.push(node['pattern']);
      Object.values(node).forEach(walk);
    };
    walk(schema);
    assert.ok(patterns.length > 0);
    for (const pattern of patterns) {
      // vscode-json-languageservice compiles with `u`; other validators (ajv) without it.
      assert.doesNotThrow(() => new RegExp(pattern, 'u'), `pattern ${pattern} with u`);
      assert.doesNotThrow(() => new RegExp(pattern), `pattern ${pattern} without u`);
      assert.match(
        pattern,
        /^\^.*\$$/,
        `pattern ${pattern} must be anchored: the model's patterns match whole strings`,
      );
    }
  });
});

// ----------------------------------------------------------------------------------------
// The schema as VS Code and the CLI see it: through vscode-json-languageservice.

const service = getLanguageService({ clientCapabilities: ClientCapabilities.LATEST });
service.configure({
  validate: true,
  allowComments: true,
  schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.scaling.json'], schema: schema as JSONSchema }],
});

let documentCount = 0;
function document(text: string): TextDocument {
  return TextDocument.create(`file:///work/doc${documentCount++}.scaling.json`, 'jsonc', 1, text);
}

async function validate(text: string): Promise<Diagnostic[]> {
  const doc = document(text);
  return service.doValidation(doc, service.parseJSONDocument(doc), {
    comments: 'ignore',
    trailingCommas: 'error',
    schemaValidation: 'error',
  });
}

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function describeDiagnostics(text: string, diagnostics: Diagnostic[]): string {
  const doc = TextDocument.create('file:///x', 'jsonc', 1, text);
  return diagnostics
    .map(
      (d) =>
        `${d.range.start.line + 1}:${d.range.start.character + 1} ${JSON.stringify(doc.getText(d.range))}: ${messageText(d)}`,
    )
    .join('\n');
}

async function assertClean(text: string): Promise<void> {
  const diagnostics = await validate(text);
  assert.equal(describeDiagnostics(text, diagnostics), '', 'expected no diagnostics');
}

/** Asserts an error diagnostic that starts on (or spans) the first character of `fragment`, with a matching message. */
async function assertFlags(text: string, fragment: string, message: RegExp): Promise<void> {
  const diagnostics = await validate(text);
  const doc = TextDocument.create('file:///x', 'jsonc', 1, text);
  const at = text.indexOf(fragment);
  assert.ok(at >= 0, `fragment ${fragment} not in the text`);
  const hit = diagnostics.find(
    (d) => doc.offsetAt(d.range.start) <= at && doc.offsetAt(d.range.end) > at && message.test(messageText(d)),
  );
  assert.ok(
    hit,
    `expected a diagnostic on ${fragment} matching ${message}; got:\n${describeDiagnostics(text, diagnostics)}`,
  );
  assert.equal(hit.severity, DiagnosticSeverity.Error);
}

interface TargetOptions {
  namespace?: string;
  dimension?: string;
  resourceId?: string;
  extra?: string;
  policies?: string;
  actions?: string;
}

function file({
  namespace = 'sagemaker',
  dimension = 'sagemaker:variant:DesiredInstanceCount',
  resourceId = 'endpoint/my-endpoint/variant/AllTraffic',
  extra = '',
  policies = '[]',
  actions = '[]',
}: TargetOptions = {}): string {
  return `{
  // comments are part of the format
  "Region": "us-east-1",
  "ScalableTargets": [
    {
      "ServiceNamespace": "${namespace}",
      "ResourceId": "${resourceId}",
      "ScalableDimension": "${dimension}",
      "MinCapacity": 1,
      "MaxCapacity": 10,${extra}
      "ScalingPolicies": ${policies},
      "ScheduledActions": ${actions}
    }
  ]
}`;
}

const ttPolicy = (metric: string) => `[
        { "PolicyName": "tt", "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70,
            "PredefinedMetricSpecification": { "PredefinedMetricType": "${metric}" },
            "ScaleInCooldown": 300, "ScaleOutCooldown": 60 } }
      ]`;

describe('schema validation through vscode-json-languageservice', () => {
  it('associates the schema with *.scaling.json', () => {
    const matched = service.getLanguageStatus(document('{}'), service.parseJSONDocument(document('{}')));
    assert.deepEqual(matched.schemas, [SCHEMA_URI]);
  });

  it('accepts a minimal SageMaker file', async () => {
    await assertClean(
      '{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/v", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 2 } ] }',
    );
  });

  it("accepts the design document's full example", async () => {
    await assertClean(
      file({
        policies: ttPolicy('SageMakerVariantInvocationsPerInstance'),
        actions: `[
        { "ScheduledActionName": "scale-up-morning", "Schedule": "cron(0 8 * * ? *)",
          "Timezone": "Europe/Berlin", "ScalableTargetAction": { "MinCapacity": 5, "MaxCapacity": 20 },
          "StartTime": "2030-01-01T00:00:00", "EndTime": "2030-12-31T23:59:59Z" },
        { "ScheduledActionName": "scale-down-evening", "Schedule": "cron(0 20 * * ? *)",
          "Timezone": "Europe/Berlin", "ScalableTargetAction": { "MinCapacity": 1, "MaxCapacity": 10 } }
      ]`,
      }),
    );
  });

  it('accepts a step policy with its CloudWatch alarm, and every other target member', async () => {
    await assertClean(
      file({
        extra: `
      "RoleARN": "arn:aws:iam::123456789012:role/scaling",
      "SuspendedState": { "DynamicScalingInSuspended": false, "DynamicScalingOutSuspended": false, "ScheduledScalingSuspended": true },
      "Tags": { "team": "ml", "empty": "" },`,
        policies: `[
        { "PolicyName": "scale-out-steps", "PolicyType": "StepScaling",
          "StepScalingPolicyConfiguration": { "AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 1, "Cooldown": 60,
            "MetricAggregationType": "Average",
            "StepAdjustments": [
              { "MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 50.5, "ScalingAdjustment": 10 },
              { "MetricIntervalLowerBound": 50.5, "ScalingAdjustment": 20 } ] },
          "CloudWatchAlarm": { "AlarmName": "my-endpoint-invocations-high", "AlarmDescription": "", "ActionsEnabled": true,
            "OKActions": ["arn:aws:sns:us-east-1:123456789012:ops"], "InsufficientDataActions": [],
            "Namespace": "AWS/SageMaker", "MetricName": "InvocationsPerInstance",
            "Dimensions": [ { "Name": "EndpointName", "Value": "my-endpoint" }, { "Name": "VariantName", "Value": "AllTraffic" } ],
            "Statistic": "Average", "Period": 60, "Unit": "Count", "EvaluationPeriods": 3, "DatapointsToAlarm": 2,
            "Threshold": 100, "ComparisonOperator": "GreaterThanOrEqualToThreshold", "TreatMissingData": "notBreaching",
            "Tags": [ { "Key": "team", "Value": "ml" } ] } },
        { "PolicyName": "latency-p99", "PolicyType": "StepScaling",
          "StepScalingPolicyConfiguration": { "AdjustmentType": "ChangeInCapacity",
            "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] },
          "CloudWatchAlarm": { "AlarmName": "p99", "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold", "Threshold": 1,
            "ExtendedStatistic": "p99", "EvaluateLowSampleCountPercentile": "ignore", "ThresholdMetricId": "ad1",
            "Metrics": [ { "Id": "m1", "MetricStat": { "Metric": { "Namespace": "AWS/SageMaker", "MetricName": "ModelLatency",
              "Dimensions": [ { "Name": "EndpointName", "Value": "e" } ] }, "Period": 60, "Stat": "p99", "Unit": "Microseconds" }, "ReturnData": false },
              { "Id": "e1", "Expression": "m1 / 1000", "Label": "ms", "ReturnData": true, "Period": 60, "AccountId": "123456789012" } ] } }
      ]`,
      }),
    );
  });

  it('accepts customised target tracking with a single metric and with metric math', async () => {
    await assertClean(
      file({
        policies: `[
        { "PolicyName": "custom", "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 0.5, "DisableScaleIn": false,
            "CustomizedMetricSpecification": { "MetricName": "GPUUtilization", "Namespace": "/aws/sagemaker/Endpoints",
              "Dimensions": [ { "Name": "EndpointName", "Value": "e" } ], "Statistic": "Average", "Unit": "Percent" } } },
        { "PolicyName": "math", "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 10,
            "CustomizedMetricSpecification": { "Metrics": [
              { "Id": "m1", "MetricStat": { "Metric": { "MetricName": "Invocations", "Namespace": "AWS/SageMaker",
                "Dimensions": [ { "Name": "EndpointName", "Value": "e" } ] }, "Stat": "Sum", "Unit": "Count" }, "ReturnData": false },
              { "Id": "e1", "Expression": "m1 / 60", "Label": "per second", "ReturnData": true } ] } } }
      ]`,
      }),
    );
  });

  it('accepts a predictive policy with every member of the API model', async () => {
    const query = `{ "Id": "load", "Label": "l", "ReturnData": true, "Expression": "SUM(SEARCH('x', 'Sum', 60))" },
                   { "Id": "m1", "MetricStat": { "Metric": { "Namespace": "AWS/ECS", "MetricName": "CPUUtilization", "Dimensions": [ { "Name": "ClusterName", "Value": "c" } ] }, "Stat": "Sum", "Unit": "Percent" }, "ReturnData": false }`;
    await assertClean(
      file({
        namespace: 'ecs',
        dimension: 'ecs:service:DesiredCount',
        resourceId: 'service/cluster/service',
        policies: `[
        { "PolicyName": "forecast", "PolicyType": "PredictiveScaling",
          "PredictiveScalingPolicyConfiguration": { "Mode": "ForecastAndScale", "SchedulingBufferTime": 300,
            "MaxCapacityBreachBehavior": "IncreaseMaxCapacity", "MaxCapacityBuffer": 10,
            "MetricSpecifications": [ { "TargetValue": 40,
              "PredefinedMetricPairSpecification": { "PredefinedMetricType": "ECSServiceCPUUtilization" },
              "PredefinedScalingMetricSpecification": { "PredefinedMetricType": "ECSServiceAverageCPUUtilization" },
              "PredefinedLoadMetricSpecification": { "PredefinedMetricType": "ALBRequestCount", "ResourceLabel": "app/lb/1/targetgroup/tg/2" },
              "CustomizedScalingMetricSpecification": { "MetricDataQueries": [ ${query} ] },
              "CustomizedLoadMetricSpecification": { "MetricDataQueries": [ ${query} ] },
              "CustomizedCapacityMetricSpecification": { "MetricDataQueries": [ ${query} ] } } ] } }
      ]`,
      }),
    );
  });

  it('accepts every SageMaker dimension with each of its own metric types', async () => {
    const pairs: [string, string, string][] = [
      ['sagemaker:variant:DesiredInstanceCount', 'endpoint/e/variant/v', 'SageMakerVariantInvocationsPerInstance'],
      [
        'sagemaker:variant:DesiredInstanceCount',
        'endpoint/e/variant/v',
        'SageMakerVariantConcurrentRequestsPerModelHighResolution',
      ],
      [
        'sagemaker:variant:DesiredProvisionedConcurrency',
        'endpoint/e/variant/v',
        'SageMakerVariantProvisionedConcurrencyUtilization',
      ],
      [
        'sagemaker:inference-component:DesiredCopyCount',
        'inference-component/ic',
        'SageMakerInferenceComponentInvocationsPerCopy',
      ],
      [
        'sagemaker:inference-component:DesiredCopyCount',
        'inference-component/ic',
        'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution',
      ],
    ];
    for (const [dimension, resourceId, metric] of pairs)
      await assertClean(file({ dimension, resourceId, policies: ttPolicy(metric) }));
  });

  it('flags a misspelt member', async () => {
    await assertFlags(file({ extra: '\n      "MinCapcity": 1,' }), '"MinCapcity"', /MinCapcity is not allowed/);
    await assertFlags(
      file({ policies: '[ { "PolicyName": "p", "PolicyTpye": "StepScaling" } ]' }),
      '"PolicyTpye"',
      /not allowed/,
    );
    await assertFlags(
      file({
        actions:
          '[ { "ScheduledActionName": "a", "Schedule": "rate(1 day)", "ScalableTargetAction": { "MinCapcity": 1 } } ]',
      }),
      '"MinCapcity"',
      /not allowed/,
    );
  });

  it('flags a metric type of another service on a SageMaker target', async () => {
    await assertFlags(
      file({ policies: ttPolicy('ECSServiceAverageCPUUtilization') }),
      '"ECSServiceAverageCPUUtilization"',
      /sagemaker:variant:DesiredInstanceCount target tracks SageMakerVariantInvocationsPerInstance/,
    );
  });

  it('flags a SageMaker metric type of the wrong SageMaker dimension', async () => {
    await assertFlags(
      file({
        dimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
        policies: ttPolicy('SageMakerVariantInvocationsPerInstance'),
      }),
      '"SageMakerVariantInvocationsPerInstance"',
      /SageMakerVariantProvisionedConcurrencyUtilization/,
    );
    await assertFlags(
      file({
        dimension: 'sagemaker:inference-component:DesiredCopyCount',
        resourceId: 'inference-component/ic',
        policies: ttPolicy('SageMakerVariantInvocationsPerInstance'),
      }),
      '"SageMakerVariantInvocationsPerInstance"',
      /SageMakerInferenceComponentInvocationsPerCopy/,
    );
  });

  it('leaves metric types of other namespaces alone', async () => {
    await assertClean(
      file({
        namespace: 'ecs',
        dimension: 'ecs:service:DesiredCount',
        resourceId: 'service/c/s',
        policies: ttPolicy('ECSServiceAverageCPUUtilization'),
      }),
    );
  });

  it('flags a ScalableDimension that does not exist, once', async () => {
    const text = file({ dimension: 'sagemaker:variant:InstanceCount' });
    await assertFlags(text, '"sagemaker:variant:InstanceCount"', /Value is not accepted/);
    assert.equal((await validate(text)).length, 1, describeDiagnostics(text, await validate(text)));
  });

  it("leaves a metric type AWS does not know to tt.predefined-enum: one finding, the rule's, with the type meant", async () => {
    for (const [typed, meant] of [
      ['SageMakerVariantInvocationPerInstance', 'SageMakerVariantInvocationsPerInstance'],
      ['InvocationsPerInstance', 'SageMakerVariantInvocationsPerInstance'],
    ] as const) {
      const text = file({ policies: ttPolicy(typed) });
      await assertClean(text);
      const { findings } = await lintDocument(text, { uri: 'file:///work/p.scaling.json', now: new Date() });
      const here = findings.filter((f) => text.slice(f.start, f.end) === `"${typed}"`);
      assert.deepEqual(
        here.map((f) => f.code),
        ['tt.predefined-enum'],
        here.map((f) => f.message).join('\n'),
      );
      assert.match(here[0]!.message, new RegExp(`Did you mean ${meant}\\?`));
    }
  });

  it('still offers every predefined metric type, with its description, as the value of PredefinedMetricType', async () => {
    const text = file({ policies: ttPolicy('|') });
    const offset = text.indexOf('|');
    const doc = document(text.slice(0, offset) + text.slice(offset + 1));
    const list = await service.doComplete(doc, doc.positionAt(offset), service.parseJSONDocument(doc));
    const offered = new Map((list?.items ?? []).map((c) => [c.label, c]));
    assert.deepEqual(
      Object.values(MetricType).filter((v) => !offered.has(`"${v}"`)),
      [],
      `offered: ${[...offered.keys()].join(', ')}`,
    );
    const documentation = offered.get('"SageMakerVariantInvocationsPerInstance"')?.documentation;
    assert.match(
      typeof documentation === 'string' ? documentation : (documentation?.value ?? ''),
      /invocations per instance \*\*per minute\*\*/,
    );
  });

  it('leaves a dimension of another namespace to the semantic rule (no double report)', async () => {
    // target.dimension-namespace-match reports it, for every namespace, with the fix.
    const diagnostics = await validate(file({ dimension: 'ecs:service:DesiredCount' }));
    assert.deepEqual(diagnostics.map(messageText), []);
  });

  it('flags wrong types, bounds and patterns taken from the API model', async () => {
    await assertFlags(file({ extra: '\n      "Tags": { "k": 1 },' }), '1 }', /Incorrect type/);
    await assertFlags(
      file({ extra: `\n      "Tags": { "${'k'.repeat(129)}": "v" },` }),
      `"${'k'.repeat(129)}"`,
      /longer than the maximum length of 128/,
    );
    await assertFlags(
      file({
        policies:
          '[ { "PolicyName": "p", "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": { "Cooldown": 1.5 } } ]',
      }),
      '1.5',
      /Incorrect type/,
    );
    await assertFlags(file({ policies: '[ { "PolicyName": "naïve" } ]' }), '"naïve"', /printable ASCII/);
    await assertFlags(file({ policies: '[ { "PolicyName": "" } ]' }), '""', /shorter than the minimum length of 1/);
    await assertFlags(file({ actions: '[ { "ScheduledActionName": "scale:up" } ]' }), '"scale:up"', /may not contain/);
    await assertFlags(file({ actions: '[ { "ScheduledActionName": " lead" } ]' }), '" lead"', /may not contain/);
    await assertFlags(
      file({ actions: '[ { "ScheduledActionName": "a", "StartTime": "next monday" } ]' }),
      '"next monday"',
      /ISO-8601/,
    );
    await assertFlags(
      file({ resourceId: 'endpoint/e\\u0001/variant/v' }),
      '"endpoint/e\\u0001/variant/v"',
      /XML-safe text/,
    );
    await assertFlags(
      file({ actions: '[ { "ScheduledActionName": "a", "ScalableTargetAction": { "MaxCapacity": -3 } } ]' }),
      '-3',
      /below the minimum of 0/,
    );
    await assertFlags(
      file({
        policies:
          '[ { "PolicyName": "p", "CloudWatchAlarm": { "AlarmName": "a", "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold", "Period": 5 } } ]',
      }),
      '5',
      /below the minimum of 10/,
    );
    await assertFlags(
      file({
        policies:
          '[ { "PolicyName": "p", "CloudWatchAlarm": { "AlarmName": "a", "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold", "Namespace": ":bad" } } ]',
      }),
      '":bad"',
      /must not start with ":"/,
    );
    await assertFlags('{ "Region": "US East", "ScalableTargets": [] }', '"US East"', /AWS Region code/);
  });

  it("flags the example of every catalogue rule it checks in the engine's place (test/catalogue.ts)", async () => {
    for (const [code, entry] of Object.entries(CHECKED_ELSEWHERE)) {
      if (entry.by !== 'schema') continue;
      await assert.doesNotReject(
        assertFlags(entry.example.text, entry.example.at, /./),
        `${code}: the schema does not flag its example`,
      );
    }
  });

  it('flags missing required members', async () => {
    await assertFlags('{ "Region": "eu-west-1" }', '{', /Missing property "ScalableTargets"/);
    await assertFlags(
      file({ policies: '[ { "PolicyType": "StepScaling" } ]' }),
      '{ "PolicyType"',
      /Missing property "PolicyName"/,
    );
    await assertFlags(
      file({ policies: '[ { "PolicyName": "p", "CloudWatchAlarm": { "AlarmName": "a" } } ]' }),
      '"CloudWatchAlarm"',
      /Missing property "EvaluationPeriods"/,
    );
  });

  it("takes an alarm's other actions, TriggerPolicyOn, and several alarms in CloudWatchAlarms", async () => {
    const alarm = (name: string, more: string) =>
      `{ "AlarmName": "${name}", "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanThreshold", "Threshold": 1, "Namespace": "AWS/SageMaker", "MetricName": "m", "Statistic": "Average", "Period": 60${more} }`;
    await assertClean(
      file({
        policies: `[ { "PolicyName": "p", "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": { "StepAdjustments": [ { "MetricIntervalLowerBound": 0, "ScalingAdjustment": 1 } ] },
          "CloudWatchAlarms": [
            ${alarm('a', ', "AlarmActions": ["arn:aws:sns:us-east-1:123456789012:ops"]')},
            ${alarm('b', ', "TriggerPolicyOn": "OK", "OKActions": ["arn:aws:sns:us-east-1:123456789012:ops"]')},
            ${alarm('c', ', "TriggerPolicyOn": ["ALARM", "INSUFFICIENT_DATA"]')}
          ] } ]`,
      }),
    );
    await assertFlags(
      file({
        policies: `[ { "PolicyName": "p", "CloudWatchAlarm": ${alarm('a', ', "TriggerPolicyOn": "BREACHING"')} } ]`,
      }),
      '"BREACHING"',
      /ALARM/,
    );
    await assertFlags(
      file({
        policies: `[ { "PolicyName": "p", "CloudWatchAlarm": ${alarm('a', ', "TriggerPolicyOn": ["OK", "OK"]')} } ]`,
      }),
      '["OK", "OK"]',
      /duplicate/i,
    );
    await assertFlags(
      file({ policies: '[ { "PolicyName": "p", "CloudWatchAlarms": [] } ]' }),
      '[]',
      /too few|at least|minimum/i,
    );
  });

  it('lets read-only describe output through without any diagnostic', async () => {
    await assertClean(
      file({
        extra: `
      "ScalableTargetARN": "arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/abc",
      "CreationTime": "2024-05-01T10:00:00.000000+00:00",
      "PredictedCapacity": 3,`,
        policies: `[
        { "PolicyARN": "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1:resource/sagemaker/endpoint/my-endpoint/variant/AllTraffic:policyName/tt",
          "PolicyName": "tt", "PolicyType": "TargetTrackingScaling",
          "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/my-endpoint/variant/AllTraffic", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "TargetTrackingScalingPolicyConfiguration": { "TargetValue": 70, "PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" } },
          "Alarms": [ { "AlarmName": "TargetTracking-high", "AlarmARN": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:TargetTracking-high" } ],
          "CreationTime": "2024-05-01T10:00:00.000000+00:00" }
      ]`,
        actions: `[
        { "ScheduledActionName": "a", "ScheduledActionARN": "arn:aws:autoscaling:us-east-1:123456789012:scheduledAction:1:resource/x",
          "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/my-endpoint/variant/AllTraffic", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "Schedule": "rate(1 day)", "ScalableTargetAction": { "MaxCapacity": 3 }, "CreationTime": "2024-05-01T10:00:00+00:00" }
      ]`,
      }),
    );
  });

  it('accepts any XML-safe text, including characters outside the BMP, where the model asks for XmlString', async () => {
    await assertClean(file({ resourceId: 'endpoint/café-😀/variant/v\\t1' }));
    await assertFlags(file({ resourceId: 'endpoint/e\\uFFFF' }), '"endpoint/e\\uFFFF"', /XML-safe text/);
  });

  it('accepts the date-time forms users write for StartTime and EndTime', async () => {
    for (const time of [
      '2030-01-01T08:00:00',
      '2030-01-01T08:00:00Z',
      '2030-01-01T08:00:00.123+02:00',
      '2030-01-01 08:00',
      '2030-01-01',
      '2030-01-01T08:00:00-0500',
    ]) {
      await assertClean(
        file({
          actions: `[ { "ScheduledActionName": "a", "Schedule": "rate(1 day)", "StartTime": "${time}", "EndTime": "${time}" } ]`,
        }),
      );
    }
  });

  it('validates the files in examples/ clean', async () => {
    const examples = join(REPO_ROOT, 'examples');
    let names: string[] = [];
    try {
      names = readdirSync(examples).filter((n) => n.endsWith('.scaling.json'));
    } catch {
      /* no examples yet */
    }
    for (const name of names) {
      const text = readFileSync(join(examples, name), 'utf8');
      const diagnostics = await validate(text);
      assert.equal(describeDiagnostics(text, diagnostics), '', `examples/${name}`);
    }
  });
});

// ----------------------------------------------------------------------------------------
// Snippets: what completion inserts must validate clean once its placeholders are filled in.

/** Expands snippet syntax the way the editor does with every placeholder left at its default. */
function expandSnippet(snippet: string): string {
  let i = 0;
  const readUntilClose = (): string => {
    let text = '';
    while (i < snippet.length) {
      const c = snippet[i]!;
      if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1]!)) {
        text += snippet[i + 1];
        i += 2;
        continue;
      }
      if (c === '}') {
        i++;
        return text;
      }
      if (c === '$') {
        text += readDollar();
        continue;
      }
      text += c;
      i++;
    }
    return text;
  };
  const readDollar = (): string => {
    i++; // $
    const simple = /^(\d+|[A-Z_]+)/.exec(snippet.slice(i));
    if (simple) {
      i += simple[0].length;
      return '';
    }
    if (snippet[i] !== '{') return '$';
    i++; // {
    const name = /^(\d+|[A-Z_]+)/.exec(snippet.slice(i));
    if (!name) throw new Error(`bad snippet at ${i}: ${snippet}`);
    i += name[0].length;
    if (snippet[i] === '}') {
      i++;
      return '';
    }
    if (snippet[i] === ':') {
      i++;
      return readUntilClose();
    }
    if (snippet[i] === '|') {
      const end = snippet.indexOf('|}', i);
      const first = snippet.slice(i + 1, end).split(',')[0]!;
      i = end + 2;
      return first;
    }
    throw new Error(`bad snippet at ${i}: ${snippet}`);
  };
  let out = '';
  while (i < snippet.length) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1]!)) {
      out += snippet[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      out += readDollar();
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Schema snippet labels, by the definition (or root) that declares them. */
function snippetLabels(node: { [key: string]: Json }): string[] {
  const snippets = node['defaultSnippets'];
  return Array.isArray(snippets) ? snippets.map((s) => String((s as { label: string }).label)) : [];
}

/** Completes at the `|` in `text`, inserts the item labelled `label` and returns the document text. */
async function completeAndInsert(text: string, label: string): Promise<string> {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const doc = document(source);
  const list = await service.doComplete(doc, doc.positionAt(offset), service.parseJSONDocument(doc));
  const item: CompletionItem | undefined = list?.items.find((c) => c.label === label);
  assert.ok(item, `no completion "${label}" at the cursor; offered: ${list?.items.map((c) => c.label).join(' | ')}`);
  const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
  const start = edit ? doc.offsetAt(edit.range.start) : offset;
  const end = edit ? doc.offsetAt(edit.range.end) : offset;
  const inserted = expandSnippet(edit ? edit.newText : (item.insertText ?? label));
  return source.slice(0, start) + inserted + source.slice(end);
}

describe('defaultSnippets validate clean', () => {
  it('every snippet expander case works', () => {
    assert.equal(expandSnippet('a ${1:x${2:y}} $3 ${4} ${5|p,q|} \\$ $0'), 'a xy   p $ ');
  });

  it('the schema declares snippets for a new file, a target, each policy kind and scheduled actions', () => {
    assert.ok(snippetLabels(schema).length >= 1);
    assert.ok(snippetLabels(definitions['scalableTarget']!).length >= 1);
    assert.ok(snippetLabels(definitions['scalingPolicy']!).length >= 2);
    assert.ok(snippetLabels(definitions['scheduledAction']!).length >= 2);
  });

  for (const label of snippetLabels(schema)) {
    it(`new file: ${label}`, async () => {
      await assertClean(await completeAndInsert('|', label));
    });
  }

  for (const label of snippetLabels(definitions['scalableTarget']!)) {
    it(`scalable target: ${label}`, async () => {
      await assertClean(await completeAndInsert('{ "ScalableTargets": [ | ] }', label));
    });
  }

  for (const label of snippetLabels(definitions['scalingPolicy']!)) {
    it(`policy: ${label}`, async () => {
      await assertClean(await completeAndInsert(file({ policies: '[ | ]' }), label));
    });
  }

  for (const label of snippetLabels(definitions['scheduledAction']!)) {
    it(`scheduled action: ${label}`, async () => {
      await assertClean(await completeAndInsert(file({ actions: '[ | ]' }), label));
    });
  }
});

describe("completion of members offers only what fits the policy (VS Code's JSON support with this schema)", () => {
  /** The member names offered at the `|` in `text`. */
  async function offered(text: string): Promise<string[]> {
    const offset = text.indexOf('|');
    const doc = document(text.slice(0, offset) + text.slice(offset + 1));
    const list = await service.doComplete(doc, doc.positionAt(offset), service.parseJSONDocument(doc));
    return (list?.items ?? []).filter((c) => c.kind === 10 /* Property */).map((c) => c.label);
  }
  const policy = (members: string) =>
    `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/e/variant/AllTraffic",
       "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 2,
       "ScalingPolicies": [ { "PolicyName": "p", ${members} } ] } ] }`;
  const CONFIGS = [
    'TargetTrackingScalingPolicyConfiguration',
    'StepScalingPolicyConfiguration',
    'PredictiveScalingPolicyConfiguration',
  ];

  it('a target-tracking policy is offered its own configuration only, and no CloudWatchAlarm', async () => {
    const names = await offered(policy('"PolicyType": "TargetTrackingScaling", |'));
    assert.deepEqual(
      CONFIGS.filter((c) => names.includes(c)),
      ['TargetTrackingScalingPolicyConfiguration'],
    );
    assert.ok(!names.includes('CloudWatchAlarm') && !names.includes('CloudWatchAlarms'), names.join(', '));
  });

  it('a step policy is offered its configuration and its alarm, one alarm or several but not both', async () => {
    const names = await offered(policy('"PolicyType": "StepScaling", |'));
    assert.deepEqual(
      CONFIGS.filter((c) => names.includes(c)),
      ['StepScalingPolicyConfiguration'],
    );
    assert.ok(names.includes('CloudWatchAlarm') && names.includes('CloudWatchAlarms'), names.join(', '));
    const withOne = await offered(policy('"PolicyType": "StepScaling", "CloudWatchAlarm": {}, |'));
    assert.ok(!withOne.includes('CloudWatchAlarms'), withOne.join(', '));
  });

  it('a policy with a configuration block but no PolicyType is offered nothing that contradicts the block', async () => {
    const names = await offered(policy('"TargetTrackingScalingPolicyConfiguration": {}, |'));
    assert.deepEqual(
      CONFIGS.filter((c) => names.includes(c)),
      [],
    );
    assert.ok(!names.includes('CloudWatchAlarm'));
    assert.ok(names.includes('PolicyType'));
  });

  it('a policy without type or configuration is offered all three', async () => {
    const names = await offered(policy('|'));
    assert.deepEqual(
      CONFIGS.filter((c) => names.includes(c)),
      CONFIGS,
    );
  });

  it('target tracking: a predefined metric excludes a customized one, and the other way round', async () => {
    const tt = (members: string) =>
      policy(`"PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { ${members} }`);
    const withPredefined = await offered(
      tt('"PredefinedMetricSpecification": { "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance" }, |'),
    );
    assert.ok(!withPredefined.includes('CustomizedMetricSpecification'), withPredefined.join(', '));
    assert.ok(withPredefined.includes('TargetValue'));
    const withCustomized = await offered(tt('"CustomizedMetricSpecification": {}, |'));
    assert.ok(!withCustomized.includes('PredefinedMetricSpecification'), withCustomized.join(', '));
  });

  it('a customized metric is one metric or metric math, and an alarm has Statistic or ExtendedStatistic', async () => {
    const custom = (members: string) =>
      policy(
        `"PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": { "CustomizedMetricSpecification": { ${members} } }`,
      );
    assert.ok(!(await offered(custom('"MetricName": "m", |'))).includes('Metrics'));
    assert.ok(!(await offered(custom('"Metrics": [], |'))).includes('MetricName'));
    const alarm = (members: string) =>
      policy(`"PolicyType": "StepScaling", "CloudWatchAlarm": { "AlarmName": "a", ${members} }`);
    assert.ok(!(await offered(alarm('"Statistic": "Average", |'))).includes('ExtendedStatistic'));
    assert.ok(!(await offered(alarm('"ExtendedStatistic": "p99", |'))).includes('Statistic'));
    assert.ok(!(await offered(alarm('"Metrics": [], |'))).includes('MetricName'));
    assert.ok(!(await offered(alarm('"MetricName": "m", |'))).includes('Metrics'));
  });
});
