import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTree, type ParseError } from 'jsonc-parser';
import { getLanguageService, TextDocument, type JSONSchema } from 'vscode-json-languageservice';
import { ROOT_SHAPE, type ObjectShape } from '../../core/plan/canonical';
import { analyzeText } from '../../core/lint/check';
import { desiredFromText } from '../../core/plan/desired';
import type { AlarmSpec, LiveState, LiveTarget, PolicySpec, ScheduledActionSpec } from '../../core/plan/liveState';
import { diffDocuments, documentForDiff, liveToDocument } from '../../core/plan/liveDocument';
import { planChanges } from '../../core/plan/plan';
import { EXAMPLES, REPO_ROOT } from '../paths';
import { FakeAws } from './fakeAws';
import { liveTargets, SERVICE_LINKED } from './liveArbitraries';

// Live state as a file (fetch) and both sides of a plan as documents (the diff editor):
// the canonical form follows the schema, the fetched file lints clean, and whatever the
// live state, planning its own fetched file against it changes nothing.

/* eslint-disable @typescript-eslint/no-explicit-any -- schema and test data are plain JSON */

const NOW = new Date('2026-11-28T12:00:00Z');
const KEY = {
  ServiceNamespace: 'sagemaker',
  ResourceId: 'endpoint/ep/variant/AllTraffic',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
};

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.scaling.json'))
  .map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')] as const);

/** Live state as apply would leave it for a file, from the simulator. */
function liveFor(text: string): LiveState {
  const desired = desiredFromText(text)!;
  const aws = new FakeAws();
  aws.apply(planChanges(desired, aws.live(), { prune: false }).changes);
  return aws.live(desired.targets);
}

/** Schema diagnostics as VS Code shows them (and the CLI reports them), from the schema file. */
async function schemaDiagnostics(text: string): Promise<string[]> {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'scaling.schema.json'), 'utf8')) as JSONSchema;
  const service = getLanguageService({});
  service.configure({
    validate: true,
    allowComments: true,
    schemas: [{ uri: 'file:///scaling.schema.json', fileMatch: ['*.scaling.json'], schema }],
  });
  const document = TextDocument.create('file:///fetched.scaling.json', 'jsonc', 1, text);
  const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), {
    comments: 'ignore',
    trailingCommas: 'error',
    schemaValidation: 'error',
  });
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
}

/** The document without its header comment lines. */
const body = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');

describe('the canonical form follows the schema', () => {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'scaling.schema.json'), 'utf8'));

  /** The definition a property refers to, through $ref, items and allOf. */
  function refOf(property: any): string | undefined {
    for (const candidate of [property, property?.items, ...(property?.allOf ?? [])]) {
      const ref = candidate?.$ref as string | undefined;
      if (ref) return ref.replace('#/definitions/', '');
    }
    return undefined;
  }

  /**
   * A member that is not part of the file (read-only describe output, AlarmActions): the
   * schema lets it through with no schema of its own and never suggests it. Members that
   * exclude one another are doNotSuggest too, but keep their type (if/then offers them).
   */
  const notInFile = (property: any): boolean =>
    property.doNotSuggest === true &&
    property.type === undefined &&
    property.$ref === undefined &&
    property.allOf === undefined;

  const shapes = new Map<string, ObjectShape>();
  const collect = (shape: ObjectShape) => {
    shapes.set(shape.definition, shape);
    for (const [, member] of shape.members) if (member && member !== 'map') collect(member);
  };
  collect(ROOT_SHAPE);

  for (const shape of shapes.values()) {
    it(`${shape.definition}: members in the schema's order, less read-only ones`, () => {
      const definition = shape.definition === '#root' ? schema : schema.definitions[shape.definition];
      assert.ok(definition, `no schema definition ${shape.definition}`);
      const properties = Object.entries(definition.properties as Record<string, any>).filter(
        ([name, property]) => name !== '$schema' && !notInFile(property),
      );
      assert.deepEqual(
        shape.members.map(([name]) => name),
        properties.map(([name]) => name),
      );
      for (const [name, member] of shape.members) {
        const property = definition.properties[name];
        if (member === 'map') assert.equal(refOf(property), 'tags', name);
        else if (member) assert.equal(refOf(property), member.definition, name);
      }
    });
  }

  it('leaves out exactly the read-only members', () => {
    const left = (definition: string) =>
      Object.entries(schema.definitions[definition].properties as Record<string, any>)
        .filter(([, p]) => notInFile(p))
        .map(([n]) => n);
    assert.deepEqual(left('scalableTarget'), ['ScalableTargetARN', 'CreationTime', 'PredictedCapacity']);
    assert.deepEqual(left('scalingPolicy'), [
      'PolicyARN',
      'Alarms',
      'CreationTime',
      'ServiceNamespace',
      'ResourceId',
      'ScalableDimension',
    ]);
    assert.deepEqual(left('scheduledAction'), [
      'ScheduledActionARN',
      'CreationTime',
      'ServiceNamespace',
      'ResourceId',
      'ScalableDimension',
    ]);
    assert.deepEqual(left('cloudWatchAlarm'), []);
  });
});

describe('liveToDocument', () => {
  const live: LiveTarget[] = [
    {
      ...KEY,
      ResourceId: 'endpoint/zeta/variant/AllTraffic',
      MinCapacity: 1,
      MaxCapacity: 4,
      RoleARN: SERVICE_LINKED,
      SuspendedState: {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      },
      ScalingPolicies: [],
      ScheduledActions: [],
      policyFacts: {},
    },
    {
      ...KEY,
      MinCapacity: 2,
      MaxCapacity: 8,
      RoleARN: 'arn:aws:iam::123456789012:role/custom',
      SuspendedState: { DynamicScalingInSuspended: true },
      ScalingPolicies: [
        {
          PolicyName: 'z-tt',
          PolicyType: 'TargetTrackingScaling',
          PolicyARN: 'arn:p1',
          CreationTime: '2026-01-01T00:00:00Z',
          TargetTrackingScalingPolicyConfiguration: {
            ScaleInCooldown: 600,
            TargetValue: 120,
            PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
          },
          CloudWatchAlarm: { AlarmName: 'TargetTracking-endpoint/ep-AlarmHigh' },
        } as PolicySpec,
        {
          PolicyName: 'a-steps',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: {
            AdjustmentType: 'ChangeInCapacity',
            StepAdjustments: [{ ScalingAdjustment: 1, MetricIntervalLowerBound: 0 }],
          },
          CloudWatchAlarm: {
            AlarmName: 'ep-high',
            ActionsEnabled: true,
            OKActions: [],
            TriggerPolicyOn: 'ALARM',
            StateValue: 'ALARM',
            Unit: null,
            Namespace: 'AWS/SageMaker',
            MetricName: 'InvocationsPerInstance',
            Dimensions: [{ Name: 'EndpointName', Value: 'ep' }],
            Statistic: 'Average',
            Period: 60,
            EvaluationPeriods: 3,
            Threshold: 100,
            ComparisonOperator: 'GreaterThanThreshold',
          } as AlarmSpec,
        },
      ],
      ScheduledActions: [
        {
          ScheduledActionName: 'night',
          Schedule: 'cron(0 20 * * ? *)',
          Timezone: 'Europe/Berlin',
          ScalableTargetAction: { MaxCapacity: 4 },
        },
        {
          ScheduledActionName: 'day',
          Schedule: 'cron(0 8 * * ? *)',
          StartTime: '2026-01-01T00:00:00.000Z',
          EndTime: '2027-01-01T00:00:00.250Z',
          ScheduledActionARN: 'arn:s',
          ScalableTargetAction: { MinCapacity: 4 },
        } as ScheduledActionSpec,
      ],
      policyFacts: {},
    },
  ];

  it('writes the canonical document', () => {
    const text = liveToDocument(live, {
      region: 'eu-west-1',
      header: 'Fetched from AWS account 123456789012, region eu-west-1, on 2026-11-28T12:00:00Z.',
    });
    assert.equal(
      text,
      `// Fetched from AWS account 123456789012, region eu-west-1, on 2026-11-28T12:00:00Z.
{
  "Region": "eu-west-1",
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/ep/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 2,
      "MaxCapacity": 8,
      "RoleARN": "arn:aws:iam::123456789012:role/custom",
      "SuspendedState": {
        "DynamicScalingInSuspended": true,
        "DynamicScalingOutSuspended": false,
        "ScheduledScalingSuspended": false
      },
      "ScalingPolicies": [
        {
          "PolicyName": "a-steps",
          "PolicyType": "StepScaling",
          "StepScalingPolicyConfiguration": {
            "AdjustmentType": "ChangeInCapacity",
            "StepAdjustments": [
              {
                "MetricIntervalLowerBound": 0,
                "ScalingAdjustment": 1
              }
            ]
          },
          "CloudWatchAlarm": {
            "AlarmName": "ep-high",
            "MetricName": "InvocationsPerInstance",
            "Namespace": "AWS/SageMaker",
            "Dimensions": [
              {
                "Name": "EndpointName",
                "Value": "ep"
              }
            ],
            "Statistic": "Average",
            "Period": 60,
            "EvaluationPeriods": 3,
            "Threshold": 100,
            "ComparisonOperator": "GreaterThanThreshold"
          }
        },
        {
          "PolicyName": "z-tt",
          "PolicyType": "TargetTrackingScaling",
          "TargetTrackingScalingPolicyConfiguration": {
            "TargetValue": 120,
            "PredefinedMetricSpecification": {
              "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"
            },
            "ScaleInCooldown": 600
          }
        }
      ],
      "ScheduledActions": [
        {
          "ScheduledActionName": "day",
          "Schedule": "cron(0 8 * * ? *)",
          "StartTime": "2026-01-01T00:00:00Z",
          "EndTime": "2027-01-01T00:00:00.250Z",
          "ScalableTargetAction": {
            "MinCapacity": 4
          }
        },
        {
          "ScheduledActionName": "night",
          "Schedule": "cron(0 20 * * ? *)",
          "Timezone": "Europe/Berlin",
          "ScalableTargetAction": {
            "MaxCapacity": 4
          }
        }
      ]
    },
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/zeta/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 1,
      "MaxCapacity": 4,
      "ScalingPolicies": [],
      "ScheduledActions": []
    }
  ]
}
`,
    );
  });

  it('writes several alarms as CloudWatchAlarms, with their other actions and any trigger but ALARM', () => {
    const alarm = (name: string, more: object): AlarmSpec => ({
      AlarmName: name,
      MetricName: 'CPUUtilization',
      Namespace: '/aws/sagemaker/Endpoints',
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      ...more,
    });
    const target: LiveTarget = {
      ...KEY,
      MinCapacity: 1,
      MaxCapacity: 4,
      ScalingPolicies: [
        {
          PolicyName: 'out',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
          CloudWatchAlarms: [
            alarm('cpu', { TriggerPolicyOn: 'ALARM', ActionsEnabled: true, AlarmActions: ['arn:aws:sns:x:1:ops'] }),
            alarm('gpu', { TriggerPolicyOn: ['ALARM', 'OK'], OKActions: [] }),
          ],
        },
        {
          PolicyName: 'zero',
          PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: { StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 0 }] },
          CloudWatchAlarm: alarm('backlog', { TriggerPolicyOn: 'OK' }),
        },
      ],
      ScheduledActions: [],
      policyFacts: {},
    };
    const doc = JSON.parse(body(liveToDocument([target])));
    const [out, zero] = doc.ScalableTargets[0].ScalingPolicies;
    assert.equal(out.CloudWatchAlarm, undefined);
    assert.deepEqual(
      out.CloudWatchAlarms.map((a: any) => [a.AlarmName, a.TriggerPolicyOn, a.AlarmActions, a.OKActions]),
      [
        ['cpu', undefined, ['arn:aws:sns:x:1:ops'], undefined],
        ['gpu', ['ALARM', 'OK'], undefined, undefined],
      ],
    );
    assert.equal(out.CloudWatchAlarms[0].ActionsEnabled, undefined);
    assert.deepEqual(Object.keys(out.CloudWatchAlarms[0]).slice(0, 3), ['AlarmName', 'AlarmActions', 'MetricName']);
    assert.equal(zero.CloudWatchAlarm.TriggerPolicyOn, 'OK');
    assert.equal(zero.CloudWatchAlarms, undefined);
    // And the file plans nothing against the live state it came from.
    const desired = desiredFromText(liveToDocument([target]))!;
    assert.deepEqual(planChanges(desired, { targets: [target] }, { prune: true }), { changes: [], unmanaged: [] });
  });

  it('writes every header line as a comment, and a default header', () => {
    const text = liveToDocument([], { header: 'line one\nline two\n\nafter a blank' });
    assert.ok(text.startsWith('// line one\n// line two\n//\n// after a blank\n{'));
    assert.match(liveToDocument([]), /^\/\/ .+\n\{\n {2}"ScalableTargets": \[\]\n\}\n$/);
  });

  it('does not depend on the order AWS answers in', () => {
    const reversed = [...live].reverse().map((t) => ({
      ...t,
      ScalingPolicies: [...t.ScalingPolicies].reverse(),
      ScheduledActions: [...t.ScheduledActions].reverse(),
    }));
    assert.equal(liveToDocument(reversed), liveToDocument(live));
  });

  it('plans nothing against the live state it came from', () => {
    const desired = desiredFromText(liveToDocument(live))!;
    const plan = planChanges(desired, { targets: live }, { prune: true });
    assert.deepEqual(plan, { changes: [], unmanaged: [] });
  });

  for (const [file, text] of examples) {
    it(`${file}: applied, then fetched, lints clean and plans nothing`, async () => {
      const state = liveFor(text);
      const fetched = liveToDocument(state.targets, {
        region: 'eu-central-1',
        header: 'Fetched from AWS account 123456789012, region eu-central-1.',
      });
      const findings = analyzeText(fetched, { now: NOW }).findings.filter((f) => f.severity !== 'information');
      assert.deepEqual(
        findings.map((f) => `${f.code}: ${f.message}`),
        [],
      );
      assert.deepEqual(await schemaDiagnostics(fetched), []);
      assert.deepEqual(planChanges(desiredFromText(fetched)!, state, { prune: true }), { changes: [], unmanaged: [] });
    });
  }
});

// ---------------------------------------------------------------------------------------
// The round trip over generated live states (liveArbitraries.ts).

describe('round trip: fetch, then plan, is empty for any live state', () => {
  it('plans nothing, with or without prune, and renders equal diff documents', () => {
    fc.assert(
      fc.property(liveTargets(), (targets) => {
        const text = liveToDocument(targets, { region: 'us-east-1', header: 'Fetched' });
        const errors: ParseError[] = [];
        parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
        assert.deepEqual(errors, []);
        assert.ok(text.startsWith('// Fetched\n') && text.endsWith('}\n'));
        const desired = desiredFromText(text)!;
        assert.equal(desired.targets.length, targets.length);
        for (const prune of [true, false]) {
          assert.deepEqual(planChanges(desired, { targets }, { prune }), { changes: [], unmanaged: [] });
        }
        const documents = diffDocuments(desired, { targets });
        assert.equal(body(documents.live), body(documents.desired));
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261128) },
    );
  });
});

describe('diffDocuments', () => {
  const file = {
    ...KEY,
    MinCapacity: 1,
    MaxCapacity: 10,
    ScalingPolicies: [
      {
        PolicyName: 'tt',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70.0,
          PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        },
      },
    ],
    ScheduledActions: [{ ScheduledActionName: 'a', Schedule: 'rate(1 day)', StartTime: '2030-01-01T01:00:00+01:00' }],
  };
  const desired = desiredFromText(JSON.stringify({ ScalableTargets: [file] }))!;
  const live: LiveState = {
    targets: [
      {
        ...file,
        RoleARN: SERVICE_LINKED,
        SuspendedState: { DynamicScalingInSuspended: false },
        ScalingPolicies: [
          {
            ...file.ScalingPolicies[0]!,
            TargetTrackingScalingPolicyConfiguration: {
              ...file.ScalingPolicies[0]!.TargetTrackingScalingPolicyConfiguration,
              ScaleInCooldown: 300,
              DisableScaleIn: false,
            },
          },
        ],
        ScheduledActions: [
          { ScheduledActionName: 'a', Schedule: 'rate(1 day)', Timezone: 'UTC', StartTime: '2030-01-01T00:00:00.000Z' },
        ],
        policyFacts: {},
      },
    ],
  };

  it('shows no difference where the plan has none', () => {
    assert.deepEqual(planChanges(desired, live, { prune: true }), { changes: [], unmanaged: [] });
    const documents = diffDocuments(desired, live);
    assert.equal(body(documents.live), body(documents.desired));
    assert.doesNotMatch(documents.live, /ScaleInCooldown|RoleARN/, 'members the file leaves out are not shown');
    assert.match(documents.desired, /"StartTime": "2030-01-01T00:00:00.000Z"/);
    assert.equal(documentForDiff(desired), documents.desired);
  });

  it('shows real differences, and live objects the file does not list', () => {
    const changed: LiveState = structuredClone(live);
    const target = changed.targets[0]!;
    target.MaxCapacity = 12;
    target.ScalingPolicies.push({
      PolicyName: 'extra',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 },
    });
    const documents = diffDocuments(desired, changed);
    const liveLines = new Set(body(documents.live).split('\n'));
    const extra = body(documents.desired)
      .split('\n')
      .filter((line) => !liveLines.has(line));
    assert.deepEqual(
      extra.map((l) => l.trim()),
      ['"MaxCapacity": 10,'],
    );
    assert.match(documents.live, /"PolicyName": "extra"/);
  });

  it('shows every alarm of a step policy as the plan compares it, and a live one the file does not list', () => {
    const arn = 'arn:aws:autoscaling:us-east-1:1:scalingPolicy:1:resource/x:policyName/steps';
    const alarm = (name: string, more: object) => ({
      AlarmName: name,
      Namespace: 'AWS/SageMaker',
      MetricName: 'InvocationsPerInstance',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      ...more,
    });
    const steps = {
      PolicyName: 'steps',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
    };
    const wanted = desiredFromText(
      JSON.stringify({
        ScalableTargets: [
          {
            ...KEY,
            ScalingPolicies: [
              {
                ...steps,
                CloudWatchAlarms: [
                  alarm('a', { AlarmActions: ['arn:aws:sns:us-east-1:1:ops'] }),
                  alarm('b', { TriggerPolicyOn: 'OK' }),
                ],
              },
            ],
          },
        ],
      }),
    )!;
    // AWS: "a" without its topic, "b" as in the file, and "c", which the file does not list.
    const state: LiveState = {
      targets: [
        {
          ...KEY,
          ScalingPolicies: [steps],
          ScheduledActions: [],
          policyFacts: { steps: { PolicyARN: arn, AlarmNames: ['a', 'b', 'c'] } },
        },
      ],
      alarms: [
        alarm('a', { AlarmActions: [arn] }),
        alarm('b', { OKActions: [arn] }),
        alarm('c', { AlarmActions: [arn], Threshold: 99 }),
      ],
    };
    const plan = planChanges(wanted, state, { prune: false });
    assert.deepEqual(
      plan.changes.map((c) => ('diff' in c ? c.diff.map((d) => d.path) : [])),
      [['AlarmActions']],
    );
    assert.deepEqual(
      plan.unmanaged.map((u) => `${u.kind} ${u.name}`),
      ['alarm c'],
    );
    const documents = diffDocuments(wanted, state);
    const desiredPolicy = JSON.parse(body(documents.desired)).ScalableTargets[0].ScalingPolicies[0];
    const livePolicy = JSON.parse(body(documents.live)).ScalableTargets[0].ScalingPolicies[0];
    assert.deepEqual(
      desiredPolicy.CloudWatchAlarms.map((a: any) => [a.AlarmName, a.TriggerPolicyOn, a.AlarmActions]),
      [
        ['a', 'ALARM', ['arn:aws:sns:us-east-1:1:ops']],
        ['b', 'OK', undefined],
      ],
    );
    assert.deepEqual(
      livePolicy.CloudWatchAlarms.map((a: any) => [a.AlarmName, a.TriggerPolicyOn, a.AlarmActions]),
      [
        ['a', 'ALARM', undefined],
        ['b', 'OK', undefined],
        ['c', 'ALARM', undefined],
      ],
    );
  });

  it('shows a live object the plan keeps (prune off) on both sides, marked as kept, and one it deletes on the live side only', () => {
    const changed: LiveState = structuredClone(live);
    const target = changed.targets[0]!;
    target.ScheduledActions.push({ ScheduledActionName: 'live-only', Schedule: 'rate(2 days)' });
    target.ScalingPolicies.push({
      PolicyName: 'extra',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1 },
    });

    const keep = planChanges(desired, changed, { prune: false });
    assert.equal(keep.changes.length, 0);
    const kept = diffDocuments(desired, changed, keep);
    assert.equal(body(kept.live), body(kept.desired), 'nothing is deleted, so both sides are the same');
    for (const side of [kept.live, kept.desired]) {
      assert.match(side, /\/\/ kept: live, not in the file[^\n]*\n\s*"ScheduledActionName": "live-only"/);
      assert.match(side, /\/\/ kept: live, not in the file[^\n]*\n\s*"PolicyName": "extra"/);
      assert.doesNotMatch(side, /\\u0001/, 'the marker becomes a comment');
    }
    const errors: ParseError[] = [];
    parseTree(kept.desired, errors);
    assert.deepEqual(errors, [], 'still JSON with comments');

    const prune = planChanges(desired, changed, { prune: true });
    const deleted = diffDocuments(desired, changed, prune);
    assert.match(deleted.live, /"ScheduledActionName": "live-only"/);
    assert.doesNotMatch(deleted.desired, /live-only|"extra"/, 'what apply deletes is on the live side alone');
    assert.doesNotMatch(deleted.live, /kept/);
  });

  it('leaves a target AWS does not have out of the live side', () => {
    const documents = diffDocuments(desired, { targets: [] });
    assert.match(documents.live, /"ScalableTargets": \[\]/);
  });
});
