import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { policyAlarms, triggerStates } from '../../core/plan/alarmActions';
import type { PolicySpec, ScheduledActionSpec } from '../../core/plan/liveState';
import { simulate } from '../../core/simulate/engine';
import { patternLoad, parsePattern } from '../../core/simulate/patterns';
import {
  alarm,
  INFERENCE_COMPONENT,
  load,
  MIN,
  START,
  stepPolicy,
  targetTracking,
  variant,
  withAlarms,
} from './simulateHelpers';

// Property-based: whatever the policies, schedules, load and timings, the simulation keeps
// AWS's invariants. Fixed seed so a failure reproduces; FUZZ_SEED=<n> tries others.

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const DAY = 24 * 60 * MIN;

const ttPolicy = fc
  .record({
    target: fc.integer({ min: 1, max: 2000 }),
    disableScaleIn: fc.boolean(),
    out: fc.constantFrom(0, 60, 300, 900),
    in: fc.constantFrom(0, 60, 300, 900),
    metric: fc.constantFrom(
      'SageMakerVariantInvocationsPerInstance',
      'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    ),
  })
  .map(({ target, disableScaleIn, out, in: scaleIn, metric }) =>
    targetTracking(
      `tt-${metric.length}`,
      metric.includes('Concurrent') ? Math.max(1, Math.round(target / 100)) : target,
      { DisableScaleIn: disableScaleIn, ScaleOutCooldown: out, ScaleInCooldown: scaleIn },
      metric,
    ),
  );

// A step policy run by one alarm or two (CloudWatchAlarms, the second at its own threshold),
// in ALARM, when OK, or both (TriggerPolicyOn), with a step on each side of the threshold
// where its alarm runs it: above it adds capacity, below it removes.
const step = fc
  .record({
    threshold: fc.integer({ min: 1, max: 3000 }),
    up: fc.boolean(),
    type: fc.constantFrom('ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'),
    adjustment: fc.integer({ min: 1, max: 60 }),
    cooldown: fc.constantFrom(0, 60, 300),
    periods: fc.integer({ min: 1, max: 5 }),
    treat: fc.constantFrom('missing', 'ignore', 'breaching', 'notBreaching'),
    trigger: fc.constantFrom<string[]>(['ALARM'], ['ALARM'], ['OK'], ['ALARM', 'OK']),
    second: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined, freq: 3 }),
  })
  .map((s) => {
    const above: [number | undefined, number | undefined, number] = [0, undefined, s.adjustment];
    const below: [number | undefined, number | undefined, number] = [
      undefined,
      0,
      s.type === 'ExactCapacity' ? s.adjustment % 5 : -Math.min(s.adjustment, 90),
    ];
    // In ALARM the metric is on the side the operator fires on, when OK on the other.
    const sides = s.trigger.map((state) => (state === 'ALARM') === s.up);
    const steps = [...(sides.includes(false) ? [below] : []), ...(sides.includes(true) ? [above] : [])];
    const name = `step-${s.up ? 'out' : 'in'}-${s.threshold}-${s.trigger.join('-')}`;
    const options = {
      metric: 'InvocationsPerInstance',
      statistic: 'Sum',
      comparison: s.up ? 'GreaterThanThreshold' : 'LessThanThreshold',
      periods: s.periods,
      datapoints: s.periods,
      treatMissingData: s.treat,
      trigger: s.trigger,
    };
    const policy = stepPolicy(name, { ...options, threshold: s.threshold, type: s.type, steps, cooldown: s.cooldown });
    return s.second === undefined
      ? policy
      : withAlarms(policy, alarm(`${name}-alarm-2`, { ...options, threshold: s.second }));
  });

const action = fc
  .record({
    hour: fc.integer({ min: 0, max: 23 }),
    zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
    min: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    max: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  })
  .map(({ hour, zone, min, max }): ScheduledActionSpec => {
    const target: { MinCapacity?: number; MaxCapacity?: number } = {};
    if (min !== undefined) target.MinCapacity = min;
    if (max !== undefined) target.MaxCapacity = Math.max(max, min ?? 1);
    return {
      ScheduledActionName: `at-${hour}-${zone}`,
      Schedule: `cron(0 ${hour} * * ? *)`,
      Timezone: zone,
      ScalableTargetAction: target,
    };
  });

const pattern = fc.constantFrom(
  'daily(100, 4000, at=14:00); concurrency: daily(1, 40)',
  'step(200, 5000, at=3h) + spike(9000, at=10h, for=20m); concurrency: step(2, 60, at=5h)',
  'ramp(0, 6000, over=8h) + off(at=12h, for=3h); concurrency: ramp(0, 80, over=8h)',
  'constant(0); concurrency: constant(0)',
  'spike(20000, at=1h, for=5m) + constant(50); concurrency: spike(200, at=1h, for=5m)',
);

const scenario = fc.record({
  min: fc.integer({ min: 1, max: 5 }),
  span: fc.integer({ min: 0, max: 20 }),
  policies: fc.array(fc.oneof(ttPolicy, step), { minLength: 0, maxLength: 4 }),
  actions: fc.array(action, { maxLength: 4 }),
  pattern,
  provisioning: fc.constantFrom(0, 60, 300, 900),
  deprovisioning: fc.constantFrom(0, 60, 120),
  lag: fc.constantFrom(0, 60, 120),
  legacyNoZero: fc.boolean(),
  suspendIn: fc.boolean(),
});

function unique<T>(items: T[], name: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(name(item)) && seen.add(name(item)));
}

describe('simulate: properties', () => {
  it('desired is always within the Min/Max in force, and InService never above what was requested', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const target = variant(
          s.min,
          s.min + s.span,
          unique<PolicySpec>(s.policies, (p) => p.PolicyName),
          unique<ScheduledActionSpec>(s.actions, (a) => a.ScheduledActionName),
          {
            SuspendedState: { DynamicScalingInSuspended: s.suspendIn },
          },
        );
        const l = patternLoad(parsePattern(s.pattern).columns!, START, DAY);
        const r = simulate(target, l, {
          startMs: START,
          durationMs: DAY,
          provisioningSeconds: s.provisioning,
          deprovisioningSeconds: s.deprovisioning,
          metricLagSeconds: s.lag,
          legacyNoZero: s.legacyNoZero,
        });
        const { desired, inService, min, max } = r.series;
        for (let m = 0; m < r.series.length; m++) {
          assert.ok(
            desired[m]! >= min[m]! && desired[m]! <= max[m]!,
            `minute ${m}: desired ${desired[m]} outside ${min[m]}–${max[m]}`,
          );
          assert.ok(inService[m]! <= desired[m]!, `minute ${m}: InService ${inService[m]} above desired ${desired[m]}`);
          assert.ok(inService[m]! >= 1, `minute ${m}: a variant below one instance`);
        }
        // Every step policy here is simulated, whichever alarms and states run it…
        assert.deepEqual(r.notSimulated, []);
        // …and an activity is caused by an alarm in a state that runs its policy.
        const runsIn = new Map<string, string[]>();
        for (const policy of target.ScalingPolicies)
          for (const a of policyAlarms(policy)) runsIn.set(a.AlarmName, triggerStates(a));
        for (const e of r.events) {
          if (e.kind === 'scale-out') assert.ok(e.to > e.from);
          if (e.kind === 'scale-in') assert.ok(e.to < e.from);
          const cause = /^monitor alarm (.+) in state (\w+) triggered policy /.exec(e.reason);
          if (cause && e.kind !== 'not-scaled')
            assert.ok(
              (runsIn.get(cause[1]!) ?? ['ALARM']).includes(cause[2]!),
              `${e.reason}: not a state that runs it`,
            );
        }
      }),
      { numRuns: 100, seed: SEED },
    );
  });

  it('a constant load at exactly the target never scales', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        fc.constantFrom(0, 60, 120),
        (t, capacity, highResolution, lag) => {
          const policy = highResolution
            ? targetTracking('c', t, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution')
            : targetTracking('i', t);
          const column = highResolution ? 'concurrency' : 'invocations';
          const r = simulate(variant(1, 40, [policy]), load({ [column]: [[t * capacity, 360]] }), {
            startMs: START,
            durationMs: 360 * MIN,
            initialCapacity: capacity,
            metricLagSeconds: lag,
          });
          assert.deepEqual(
            r.events.filter((e) => e.kind !== 'not-scaled'),
            [],
          );
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  });
});

// The summary adds up. With every change on a minute boundary (one-minute alarms, delays in
// whole minutes, scheduled actions without their delay) InService is constant within each
// minute, so the per-minute series is the exact integral the summary must agree with.
const minuteScenario = fc.record({
  inferenceComponent: fc.boolean(),
  min: fc.integer({ min: 0, max: 4 }),
  span: fc.integer({ min: 0, max: 20 }),
  policies: fc.array(fc.oneof(ttPolicy, step), { maxLength: 3 }),
  actions: fc.array(action, { maxLength: 3 }),
  demand: fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 120 })), {
    minLength: 1,
    maxLength: 12,
  }),
  provisioning: fc.constantFrom(0, 60, 300, 900),
  deprovisioning: fc.constantFrom(0, 60, 120),
  price: fc.constantFrom(0.2, 1.21, 37.5),
  maxPerInstance: fc.constantFrom(100, 750, 4000),
});

describe('simulate: the summary adds up', () => {
  it('instance-hours are the integral of InService; cost, counts, extremes and failures agree with the series and the events', () => {
    fc.assert(
      fc.property(minuteScenario, (s) => {
        const policies = unique<PolicySpec>(
          s.policies.filter((p) => !JSON.stringify(p).includes('HighResolution')),
          (p) => p.PolicyName,
        );
        const target = variant(
          s.min,
          s.min + s.span,
          policies,
          unique<ScheduledActionSpec>(s.actions, (a) => a.ScheduledActionName),
          s.inferenceComponent ? INFERENCE_COMPONENT : {},
        );
        const minutes = s.demand.reduce((n, [, m]) => n + m, 0);
        const r = simulate(target, load({ invocations: s.demand }), {
          startMs: START,
          durationMs: minutes * MIN,
          provisioningSeconds: s.provisioning,
          deprovisioningSeconds: s.deprovisioning,
          scheduleDelaySeconds: 0,
          pricePerInstanceHour: s.price,
          maxPerInstance: s.maxPerInstance,
        });
        const { inService, invocations } = r.series;
        let minuteSum = 0;
        let failed = 0;
        let under = 0;
        for (let m = 0; m < r.series.length; m++) {
          minuteSum += inService[m]!;
          if (inService[m] === 0) failed += invocations[m]!;
          if (invocations[m]! > inService[m]! * s.maxPerInstance) under++;
        }
        const hours = minuteSum / 60;
        const summary = r.summary;
        assert.equal(summary.instanceHours, Math.round(hours * 1000) / 1000, 'instance-hours');
        assert.equal(summary.cost, Math.round(hours * s.price * 100) / 100, 'cost');
        const count = (kind: string) => r.events.filter((e) => e.kind === kind).length;
        assert.equal(summary.scaleOuts, count('scale-out'), 'scale-outs');
        assert.equal(summary.scaleIns, count('scale-in'), 'scale-ins');
        assert.equal(summary.scheduled, count('scheduled'), 'scheduled');
        assert.equal(summary.notScaled, count('not-scaled'), 'not scaled');
        assert.equal(summary.peakInService, Math.max(...inService), 'peak');
        assert.equal(summary.lowestInService, Math.min(...inService), 'lowest');
        assert.equal(summary.requestsWithoutCapacity, Math.round(failed), 'requests without capacity');
        assert.equal(summary.underProvisionedMinutes, under, 'minutes under-provisioned');
        for (const metric of r.series.metrics) {
          const seen = metric.values.filter((v) => !Number.isNaN(v));
          if (seen.length > 0)
            assert.equal(summary.highestMetric[metric.name], Math.max(...seen), `highest ${metric.name}`);
        }
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});

describe('simulate: extremes', () => {
  it('zero or huge delays, capacities and cooldowns, one-row or all-zero loads, MaxCapacity 0: every number finite, bounds kept', () => {
    const extreme = fc.record({
      inferenceComponent: fc.boolean(),
      min: fc.constantFrom(0, 1, 5),
      max: fc.constantFrom(0, 1, 40, 1_000_000),
      initial: fc.option(fc.constantFrom(0, 1, 3, 2_000_000), { nil: undefined }),
      policies: fc.array(fc.oneof(ttPolicy, step), { maxLength: 3 }),
      cooldown: fc.constantFrom(0, 1, 86_400),
      demand: fc.constantFrom<[number, number][]>(
        [[0, 1]],
        [[7, 1]],
        [[0, 300]],
        [[1e9, 30]],
        [
          [0, 20],
          [5_000, 20],
          [0, 20],
        ],
      ),
      minutes: fc.constantFrom(1, 2, 90, 600),
      provisioning: fc.constantFrom(0, 1, 7, 86_400),
      deprovisioning: fc.constantFrom(0, 3, 86_400),
      lag: fc.constantFrom(0, 10, 600),
      legacyNoZero: fc.boolean(),
    });
    fc.assert(
      fc.property(extreme, (s) => {
        const policies = unique<PolicySpec>(s.policies, (p) => p.PolicyName).map((p) => {
          const tt = p.TargetTrackingScalingPolicyConfiguration;
          if (tt)
            return {
              ...p,
              TargetTrackingScalingPolicyConfiguration: {
                ...tt,
                ScaleOutCooldown: s.cooldown,
                ScaleInCooldown: s.cooldown,
              },
            };
          return {
            ...p,
            StepScalingPolicyConfiguration: { ...p.StepScalingPolicyConfiguration, Cooldown: s.cooldown },
          };
        });
        const target = variant(
          s.min,
          Math.max(s.min, s.max),
          policies,
          [],
          s.inferenceComponent ? INFERENCE_COMPONENT : {},
        );
        const r = simulate(target, load({ invocations: s.demand, concurrency: s.demand }), {
          startMs: START,
          durationMs: s.minutes * MIN,
          provisioningSeconds: s.provisioning,
          deprovisioningSeconds: s.deprovisioning,
          metricLagSeconds: s.lag,
          highResolutionMetricLagSeconds: s.lag,
          legacyNoZero: s.legacyNoZero,
          pricePerInstanceHour: 1.5,
          maxPerInstance: 100,
          ...(s.initial !== undefined ? { initialCapacity: s.initial } : {}),
        });
        const { desired, inService, min, max } = r.series;
        for (let m = 0; m < r.series.length; m++) {
          for (const [name, v] of [
            ['desired', desired[m]!],
            ['inService', inService[m]!],
            ['min', min[m]!],
            ['max', max[m]!],
          ] as const)
            assert.ok(Number.isFinite(v), `minute ${m}: ${name} ${v}`);
          assert.ok(desired[m]! >= min[m]! && desired[m]! <= max[m]!, `minute ${m}: desired outside the bounds`);
          assert.ok(inService[m]! <= desired[m]!, `minute ${m}: InService above desired`);
          if (!s.inferenceComponent) assert.ok(inService[m]! >= 1, `minute ${m}: a variant below one instance`);
        }
        const walk = (value: unknown, path: string): void => {
          if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
          else if (value && typeof value === 'object')
            for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
        };
        walk(r.summary, 'summary');
        walk(r.events, 'events');
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
