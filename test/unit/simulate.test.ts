import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALARM, INSUFFICIENT_DATA, type SimulationParameters, type SimulationResult } from '../../core/simulate/types';
import {
  alarm,
  INFERENCE_COMPONENT,
  load,
  MIN,
  run,
  START,
  stepPolicy,
  targetTracking,
  timeline,
  variant,
  withAlarms,
} from './simulateHelpers';

// Each behaviour of the simulation model (docs/simulation.md), one at a time. Times are
// minutes from the start; defaults unless a test says otherwise: one-minute datapoints
// visible 60 s after their minute, provisioning 5 min, deprovisioning 1 min, cooldowns 300 s.

describe('simulate: target tracking', () => {
  it('a constant load at exactly the target never scales', () => {
    const r = run(variant(1, 10, [targetTracking('ipi', 100)]), load({ invocations: [[300, 240]] }), 240, {
      initialCapacity: 3,
    });
    assert.deepEqual(timeline(r), []);
    assert.equal(r.summary.scaleOuts + r.summary.scaleIns, 0);
  });

  it('scales out to ceil(total / target) after AlarmHigh has 3 datapoints above the target, InService after provisioning', () => {
    // Demand steps from 200 to 1000 a minute at minute 10. The datapoints of minutes 10, 11
    // and 12 are visible at 12 + 1 (the minute ends) + 1 (lag) = 14: AlarmHigh goes to ALARM then.
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [200, 10],
          [1000, 50],
        ],
      }),
      60,
      {
        initialCapacity: 2,
      },
    );
    assert.deepEqual(timeline(r), ['14 scale-out ipi 2→10']);
    const out = r.events.find((e) => e.kind === 'scale-out')!;
    assert.match(
      out.reason,
      /^monitor alarm TargetTracking-endpoint\/shop\/variant\/AllTraffic-AlarmHigh-ipi in state ALARM triggered policy ipi$/,
    );
    assert.equal(out.completesAt, START + 19 * MIN);
    assert.equal(r.series.desired[14], 10);
    assert.equal(r.series.inService[18], 2);
    assert.equal(r.series.inService[19], 10);
    // The metric falls once the instances serve: 1000 / 10.
    assert.equal(Math.round(r.series.metrics[0]!.values[25]!), 100);
  });

  it('scales in after 15 datapoints below 0.9 × target, to ceil(total / target), once (proportional)', () => {
    // Demand drops from 1000 to 300 at minute 10 on 10 instances: IPI 30 < 90 from minute
    // 10; the 15th datapoint (minute 24) is visible at 26.
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [1000, 10],
          [300, 50],
        ],
      }),
      60,
      {
        initialCapacity: 10,
      },
    );
    assert.deepEqual(timeline(r), ['26 scale-in ipi 10→3']);
    assert.equal(r.series.inService[26], 3, 'instances leave service at once');
  });

  it('is conservative: no scale-in while removing one instance would push the metric above the target', () => {
    // 250 a minute on 3 instances: IPI 83 < 90, but 2 instances would see 125 > 100.
    const r = run(variant(1, 20, [targetTracking('ipi', 100)]), load({ invocations: [[250, 60]] }), 60, {
      initialCapacity: 3,
    });
    assert.deepEqual(timeline(r), []);
    assert.ok(r.events.some((e) => e.kind === 'not-scaled' && /AutoScalingAnticipatedFlapping/.test(e.reason)));
  });

  it('DisableScaleIn: never lowers capacity, and has no AlarmLow', () => {
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100, { DisableScaleIn: true })]),
      load({ invocations: [[10, 120]] }),
      120,
      { initialCapacity: 8 },
    );
    assert.deepEqual(timeline(r), []);
    assert.deepEqual(
      r.series.alarms.map((a) => a.name),
      ['TargetTracking-endpoint/shop/variant/AllTraffic-AlarmHigh-ipi'],
    );
  });

  it('several policies: any may scale out; scale-in waits until every policy with scale-in enabled agrees', () => {
    const target = variant(1, 20, [
      targetTracking('ipi', 100),
      targetTracking('concurrency', 10, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
    ]);
    // Invocations fall, concurrency stays where 8 instances are needed.
    const r = run(target, load({ invocations: [[100, 60]], concurrency: [[80, 60]] }), 60, { initialCapacity: 8 });
    assert.deepEqual(timeline(r), []);
    assert.ok(
      r.events.some(
        (e) => e.kind === 'not-scaled' && e.source === 'ipi' && /concurrency is not ready to scale in/.test(e.reason),
      ),
    );
    // Concurrency alone rises: the concurrency policy scales out although invocations are low.
    const r2 = run(
      target,
      load({
        invocations: [[100, 60]],
        concurrency: [
          [80, 5],
          [150, 55],
        ],
      }),
      60,
      {
        initialCapacity: 8,
      },
    );
    assert.equal(timeline(r2)[0]?.split(' ').slice(1).join(' '), 'scale-out concurrency 8→15');
  });

  it('several policies: the last to agree scales in at its own invocation, to the largest capacity any asks for', () => {
    // Invocations fall at 10 (AlarmLow of ipi in ALARM at 26:00, asking for 5), concurrency at
    // 11 (its 10-second AlarmLow in ALARM at 26:10, asking for 2): the scale-in is at 26:10, to 5.
    const target = variant(1, 20, [
      targetTracking('ipi', 100),
      targetTracking('concurrency', 10, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
    ]);
    const r = run(
      target,
      load({
        invocations: [
          [1000, 10],
          [500, 40],
        ],
        concurrency: [
          [100, 11],
          [20, 39],
        ],
      }),
      50,
      {
        initialCapacity: 10,
      },
    );
    const scaleIns = r.events.filter((e) => e.kind === 'scale-in');
    assert.deepEqual(
      scaleIns.map((e) => [(e.time - START) / 1000, e.source, e.to]),
      [[26 * 60 + 10, 'concurrency', 5]],
    );
  });

  it('several policies: the largest capacity wins when they trigger together (AWS: +3 and +200 % at 10 give 30)', () => {
    const target = variant(1, 40, [
      stepPolicy('plus-three', { metric: 'CPUUtilization', threshold: 50, steps: [[0, undefined, 3]] }),
      stepPolicy('plus-200-percent', {
        metric: 'CPUUtilization',
        threshold: 50,
        type: 'PercentChangeInCapacity',
        steps: [[0, undefined, 200]],
      }),
    ]);
    const r = run(
      target,
      load({
        CPUUtilization: [
          [20, 5],
          [90, 25],
        ],
      }),
      30,
      { initialCapacity: 10, metricLagSeconds: 0 },
    );
    assert.deepEqual(timeline(r).slice(0, 1), ['6 scale-out plus-200-percent 10→30']);
  });

  it('high-resolution metrics: 10-second datapoints react within a minute', () => {
    const target = variant(1, 20, [
      targetTracking('concurrency', 10, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
    ]);
    const r = run(
      target,
      load({
        concurrency: [
          [20, 10],
          [100, 20],
        ],
      }),
      30,
      { initialCapacity: 2 },
    );
    const out = r.events.find((e) => e.kind === 'scale-out')!;
    // Three 10-second datapoints from 10:00, the last visible at 10:30 + 10 s.
    assert.equal(out.time, START + 10 * MIN + 40_000);
    assert.equal(out.to, 10);
  });
});

describe('simulate: step scaling through the engine', () => {
  it("AWS's worked example: 10 → 11 → 14 → 13 → 10 (percent steps, threshold 50 for both alarms)", () => {
    const out = stepPolicy('out', {
      metric: 'CPUUtilization',
      threshold: 50,
      type: 'PercentChangeInCapacity',
      steps: [
        [0, 10, 0],
        [10, 20, 10],
        [20, undefined, 30],
      ],
    });
    const inward = stepPolicy('in', {
      metric: 'CPUUtilization',
      threshold: 50,
      comparison: 'LessThanOrEqualToThreshold',
      type: 'PercentChangeInCapacity',
      steps: [
        [-10, 0, 0],
        [-20, -10, -10],
        [undefined, -20, -30],
      ],
    });
    // Each level for one minute, with 10 minutes in the dead band between (longer than the cooldowns).
    const cpu = load({
      CPUUtilization: [
        [55, 2],
        [60, 1],
        [55, 10],
        [70, 1],
        [45, 10],
        [40, 1],
        [45, 10],
        [30, 1],
        [45, 10],
      ],
    });
    const r = run(variant(1, 40, [out, inward]), cpu, 46, {
      initialCapacity: 10,
      metricLagSeconds: 0,
      provisioningSeconds: 0,
    });
    assert.deepEqual(
      timeline(r).map((l) => l.split(' ').slice(2).join(' ')),
      ['out 10→11', 'out 11→14', 'in 14→13', 'in 13→10'],
    );
    // In the dead band the alarm is in ALARM and its step adjusts by 0: logged, not a missed scale.
    assert.ok(r.events.some((e) => e.kind === 'not-scaled' && /adjusts by 0/.test(e.reason)));
  });

  it("AWS's cooldown example: +2 completes, then the +3 step adds only 1", () => {
    const policy = stepPolicy('out', {
      metric: 'CPUUtilization',
      threshold: 50,
      steps: [
        [0, 10, 2],
        [10, undefined, 3],
      ],
      cooldown: 300,
    });
    // 55 (the +2 step) from minute 2, seen at 3; 65 (the +3 step) from 5, seen at 6, inside
    // the cooldown that began when the first activity completed at 4: 10 + 3 = 13, one more.
    // That activity completes at 7 and the cooldown runs to 12; then the step applies afresh.
    const r = run(
      variant(1, 40, [policy]),
      load({
        CPUUtilization: [
          [40, 2],
          [55, 3],
          [65, 10],
        ],
      }),
      15,
      {
        initialCapacity: 10,
        metricLagSeconds: 0,
        provisioningSeconds: 60,
      },
    );
    assert.deepEqual(timeline(r), ['3 scale-out out 10→12', '6 scale-out out 12→13', '12 scale-out out 13→16']);
    assert.ok(r.events.some((e) => e.kind === 'not-scaled' && /scale-out cooldown/.test(e.reason)));
  });

  it('MetricAggregationType decides the breach over the evaluated datapoints', () => {
    const policy = (aggregation: string) =>
      stepPolicy('cpu', {
        metric: 'CPUUtilization',
        threshold: 50,
        periods: 3,
        datapoints: 1,
        aggregation,
        cooldown: 0,
        steps: [
          [0, 20, 1],
          [20, undefined, 5],
        ],
      });
    // Minutes 5–6 at 55, 7 at 95. At 8 the alarm (1 of 3, no lag) evaluated 55, 55, 95: their
    // mean 68.3 is 18.3 above the threshold (the +1 step), their maximum 45 above (the +5 step).
    const cpu = load({
      CPUUtilization: [
        [40, 5],
        [55, 2],
        [95, 1],
        [40, 10],
      ],
    });
    const at = { initialCapacity: 4, metricLagSeconds: 0, provisioningSeconds: 0 };
    const at8 = (aggregation: string) =>
      timeline(run(variant(1, 40, [policy(aggregation)]), cpu, 18, at)).find((l) => l.startsWith('8 '));
    assert.equal(at8('Average'), '8 scale-out cpu 5→6');
    assert.equal(at8('Maximum'), '8 scale-out cpu 6→11');
  });

  it("a metric exactly at a LessThanOrEqualToThreshold alarm's threshold takes the step whose upper bound is 0", () => {
    const r = run(
      variant(1, 20, [
        stepPolicy('cpu-low', {
          metric: 'CPUUtilization',
          threshold: 50,
          comparison: 'LessThanOrEqualToThreshold',
          steps: [[undefined, 0, -1]],
          cooldown: 600,
        }),
      ]),
      load({ CPUUtilization: [[50, 10]] }),
      10,
      { initialCapacity: 4, metricLagSeconds: 0 },
    );
    assert.deepEqual(timeline(r), ['0 scale-in cpu-low 4→3']);
  });

  it("a step policy's scale-in is not vetoed by target tracking that is not ready", () => {
    const r = run(
      variant(1, 20, [
        targetTracking('ipi', 100),
        stepPolicy('cpu-low', {
          metric: 'CPUUtilization',
          threshold: 20,
          comparison: 'LessThanThreshold',
          steps: [[undefined, 0, -1]],
          cooldown: 0,
        }),
      ]),
      load({ invocations: [[500, 30]], CPUUtilization: [[10, 30]] }),
      30,
      { initialCapacity: 8, deprovisioningSeconds: 0 },
    );
    assert.equal(timeline(r)[0], '0 scale-in cpu-low 8→7');
    // …and target tracking scales back out: the fight the timeline shows.
    assert.ok(timeline(r).some((l) => / scale-out ipi /.test(l)));
  });
});

describe('simulate: step policies with several alarms, or run when their alarm is OK', () => {
  // Each alarm is evaluated on its own metric and threshold and invokes the policy on
  // entering a state whose actions hold it, then once a minute while it stays there (Auto
  // Scaling actions repeat, ALARM or OK alike:
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions).
  // The breach is the aggregated datapoints minus the threshold of the alarm that invoked
  // the policy. Here: one-minute periods, 1 of 1 datapoints, no metric lag, so a value from
  // minute k is the datapoint the alarms evaluate at minute k + 1.
  const steps: [number | undefined, number | undefined, number][] = [
    [0, 15, 1],
    [15, undefined, 2],
  ];

  it('two alarms on two metrics: each scales out when its own metric crosses, stepped from its own threshold', () => {
    // cpu-high: CPUUtilization ≥ 70; gpu-high: GPUUtilization ≥ 80 (both open-loop columns).
    // CPU is 90 in minutes 10–12: at 11 cpu-high enters ALARM, breach 90 − 70 = 20, the
    // [15, +∞) step: 2 → 4, InService at 12, the cooldown of 600 s from 12 to 22; at 12 and 13
    // cpu-high re-invokes the policy, but in the cooldown +2 from the 2 before the activity
    // adds nothing. GPU is 90 in minutes 30–32: at 31 gpu-high enters ALARM, breach
    // 90 − 80 = 10, the [0, 15) step: 4 → 5 (measured from cpu-high's 70 it would be 20, +2).
    const hot = withAlarms(
      stepPolicy('hot', { metric: 'CPUUtilization', threshold: 70, alarmName: 'cpu-high', steps, cooldown: 600 }),
      alarm('gpu-high', { metric: 'GPUUtilization', threshold: 80 }),
    );
    const r = run(
      variant(1, 10, [hot]),
      load({
        CPUUtilization: [
          [40, 10],
          [90, 3],
          [40, 37],
        ],
        GPUUtilization: [
          [50, 30],
          [90, 3],
          [50, 17],
        ],
      }),
      50,
      { initialCapacity: 2, metricLagSeconds: 0, provisioningSeconds: 60 },
    );
    assert.deepEqual(timeline(r), ['11 scale-out hot 2→4', '31 scale-out hot 4→5']);
    assert.deepEqual(
      r.events.filter((e) => e.kind === 'scale-out').map((e) => e.reason),
      [
        'monitor alarm cpu-high in state ALARM triggered policy hot',
        'monitor alarm gpu-high in state ALARM triggered policy hot',
      ],
    );
    // Both alarms are in the series by name, each in ALARM only while its own metric is high.
    assert.deepEqual(
      r.series.alarms.map((a) => `${a.policy}/${a.name}`),
      ['hot/cpu-high', 'hot/gpu-high'],
    );
    const inAlarm = (name: string) => {
      const states = r.series.alarms.find((a) => a.name === name)!.states;
      return [...states.keys()].filter((m) => states[m] === ALARM);
    };
    assert.deepEqual(inAlarm('cpu-high'), [11, 12, 13]);
    assert.deepEqual(inAlarm('gpu-high'), [31, 32, 33]);
  });

  it('two alarms invoking in the same minute are two invocations in the file order; the second sees the first', () => {
    // Both metrics are 90 in minutes 10–12. At 11 cpu-high (first in the file) invokes:
    // +2, 2 → 4, and the endpoint is Updating until 12; gpu-high's invocation in the same
    // minute finds the activity in progress and is dropped.
    const hot = withAlarms(
      stepPolicy('hot', { metric: 'CPUUtilization', threshold: 70, alarmName: 'cpu-high', steps, cooldown: 600 }),
      alarm('gpu-high', { metric: 'GPUUtilization', threshold: 80 }),
    );
    const high: [number, number][] = [
      [40, 10],
      [90, 3],
      [40, 17],
    ];
    const r = run(variant(1, 10, [hot]), load({ CPUUtilization: high, GPUUtilization: high }), 30, {
      initialCapacity: 2,
      metricLagSeconds: 0,
      provisioningSeconds: 60,
    });
    assert.deepEqual(timeline(r), ['11 scale-out hot 2→4']);
    const at11 = r.events.filter((e) => e.time === START + 11 * MIN);
    assert.deepEqual(
      at11.map((e) => `${e.kind}: ${e.reason}`),
      [
        'scale-out: monitor alarm cpu-high in state ALARM triggered policy hot',
        'not-scaled: a scaling activity is in progress (the endpoint is Updating): the invocation is dropped',
      ],
    );
  });

  it('TriggerPolicyOn OK on a "CPU > 70" alarm: a negative step removes capacity every minute while CPU stays below 70, as the cooldown lets it', () => {
    // CPU 90 in minutes 0–9: the alarm is in ALARM, whose actions do not hold the policy, so
    // nothing runs. CPU 40 from minute 10: at 11 the alarm enters OK and invokes the policy;
    // breach 40 − 70 = −30, in the (−∞, 0] step: −1, 6 → 5. The instance leaves at once and
    // the activity completes at 12 (deprovisioning 60 s), the scale-in cooldown (120 s) runs
    // to 14. The alarm stays OK and invokes the policy each minute: at 12 and 13 the cooldown
    // blocks it, at 14 5 → 4 (cooldown to 17), 17 4 → 3, 20 3 → 2. At 21 (that activity
    // complete) the step asks for 1, below MinCapacity 2: AlreadyAtMinCapacity from then on.
    const quiet = stepPolicy('quiet', {
      metric: 'CPUUtilization',
      threshold: 70,
      comparison: 'GreaterThanThreshold',
      alarmName: 'cpu-high',
      trigger: 'OK',
      steps: [[undefined, 0, -1]],
      cooldown: 120,
    });
    const r = run(
      variant(2, 10, [quiet]),
      load({
        CPUUtilization: [
          [90, 10],
          [40, 30],
        ],
      }),
      40,
      { initialCapacity: 6, metricLagSeconds: 0 },
    );
    assert.deepEqual(r.notSimulated, []);
    assert.deepEqual(timeline(r), [
      '11 scale-in quiet 6→5',
      '14 scale-in quiet 5→4',
      '17 scale-in quiet 4→3',
      '20 scale-in quiet 3→2',
    ]);
    assert.equal(r.events[0]!.time, START + 11 * MIN, 'nothing runs while the alarm is in ALARM');
    assert.equal(r.events[0]!.reason, 'monitor alarm cpu-high in state OK triggered policy quiet');
    const blocked = r.events.filter((e) => e.kind === 'not-scaled').map((e) => `${(e.time - START) / MIN} ${e.reason}`);
    assert.ok(blocked.includes('12 in the scale-in cooldown until 2026-07-01T00:14:00Z'), blocked.join('\n'));
    assert.ok(blocked.includes('21 already at MinCapacity (AlreadyAtMinCapacity)'), blocked.join('\n'));
  });

  it('TriggerPolicyOn ["ALARM", "OK"]: the steps above the threshold run in ALARM, those below when OK', () => {
    // "CPU > 70" with (−∞, −20] −1, (−20, 10) 0, [10, +∞) +2. CPU 60 in minutes 0–9: OK,
    // breach −10, the 0 step: invoked each minute, no change. CPU 95 in minutes 10–11: at 11
    // ALARM, breach 25: +2, 4 → 6, InService at 12, scale-out cooldown (300 s) to 17; at 12
    // still ALARM, but +2 from the 4 before the activity adds nothing. CPU 30 from minute 12:
    // at 13 OK, breach −40: −1, 6 → 5 (a scale-out cooldown does not hold a scale-in back);
    // completes at 14, the scale-in cooldown runs to 19: 19 5 → 4, 25 4 → 3, 31 3 → 2, 37 2 → 1.
    const band = stepPolicy('band', {
      metric: 'CPUUtilization',
      threshold: 70,
      comparison: 'GreaterThanThreshold',
      alarmName: 'cpu',
      trigger: ['ALARM', 'OK'],
      steps: [
        [undefined, -20, -1],
        [-20, 10, 0],
        [10, undefined, 2],
      ],
      cooldown: 300,
    });
    const r = run(
      variant(1, 10, [band]),
      load({
        CPUUtilization: [
          [60, 10],
          [95, 2],
          [30, 28],
        ],
      }),
      40,
      { initialCapacity: 4, metricLagSeconds: 0, provisioningSeconds: 60 },
    );
    assert.deepEqual(timeline(r), [
      '11 scale-out band 4→6',
      '13 scale-in band 6→5',
      '19 scale-in band 5→4',
      '25 scale-in band 4→3',
      '31 scale-in band 3→2',
      '37 scale-in band 2→1',
    ]);
    const causes = r.events.filter((e) => e.kind !== 'not-scaled').map((e) => e.reason);
    assert.equal(causes[0], 'monitor alarm cpu in state ALARM triggered policy band');
    assert.equal(causes[1], 'monitor alarm cpu in state OK triggered policy band');
    const first = r.events[0]!;
    assert.equal(first.kind, 'not-scaled');
    assert.equal(first.time, START, 'invoked while OK from the start');
    assert.match(first.reason, /adjusts by 0/);
  });

  it('no step holds the breach: nothing changes, and the not-scaled event says which alarm and breach', () => {
    // "CPU > 70" run when OK, one step (−40, 0]: −1. CPU 20: breach −50, outside every step,
    // so AWS makes no adjustment. CPU 50 from minute 20: breach −20 at 21, 4 → 3.
    const floor = stepPolicy('floor', {
      metric: 'CPUUtilization',
      threshold: 70,
      comparison: 'GreaterThanThreshold',
      alarmName: 'cpu-high',
      trigger: 'OK',
      steps: [[-40, 0, -1]],
      cooldown: 600,
    });
    const r = run(
      variant(1, 10, [floor]),
      load({
        CPUUtilization: [
          [20, 20],
          [50, 10],
        ],
      }),
      30,
      { initialCapacity: 4, metricLagSeconds: 0 },
    );
    assert.deepEqual(timeline(r), ['21 scale-in floor 4→3']);
    assert.ok([...r.series.desired.subarray(0, 21)].every((d) => d === 4));
    const none = r.events[0]!;
    assert.equal(none.kind, 'not-scaled');
    assert.equal(none.reason, 'no step adjustment covers a breach of -50 (alarm cpu-high in OK)');
    assert.equal(none.time, START);
    assert.equal(none.until, START + 20 * MIN);
  });
});

describe('simulate: cooldowns, activities and suspension', () => {
  it('an invocation while the endpoint is Updating is dropped with "activity in progress"', () => {
    const r = run(
      variant(1, 40, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [200, 10],
          [1000, 5],
          [3000, 45],
        ],
      }),
      60,
      {
        initialCapacity: 2,
        provisioningSeconds: 600,
      },
    );
    const blocked = r.events.find((e) => e.kind === 'not-scaled' && /in progress/.test(e.reason));
    assert.ok(blocked, 'a dropped invocation is logged');
    assert.deepEqual(timeline(r), ['14 scale-out ipi 2→10', '24 scale-out ipi 10→30']);
  });

  it('scale-in waits for its cooldown, started when the activity completes; a scale-out ends it', () => {
    // 26: 10 → 5, complete at 27, cooldown 20 min to 47. Demand falls again at 30: AlarmLow
    // is in ALARM at 46, blocked by the cooldown, and the re-invocation at 47 scales in.
    const tt = targetTracking('ipi', 100, { ScaleInCooldown: 1200 });
    const r = run(
      variant(1, 20, [tt]),
      load({
        invocations: [
          [1000, 10],
          [500, 20],
          [100, 30],
        ],
      }),
      60,
      {
        initialCapacity: 10,
        deprovisioningSeconds: 60,
      },
    );
    assert.deepEqual(timeline(r), ['26 scale-in ipi 10→5', '47 scale-in ipi 5→1']);
    assert.ok(
      r.events.some(
        (e) => e.kind === 'not-scaled' && e.time === START + 46 * MIN && /scale-in cooldown/.test(e.reason),
      ),
    );
    // With an hour's cooldown, the scale-out at 34 ends it: the scale-in at 56 does not wait to 87.
    const long = targetTracking('ipi', 100, { ScaleInCooldown: 3600 });
    const r2 = run(
      variant(1, 20, [long]),
      load({
        invocations: [
          [1000, 10],
          [500, 20],
          [900, 10],
          [100, 30],
        ],
      }),
      70,
      {
        initialCapacity: 10,
      },
    );
    assert.deepEqual(timeline(r2), ['26 scale-in ipi 10→5', '34 scale-out ipi 5→9', '56 scale-in ipi 9→1']);
  });

  it('cooldowns default to 300 s when the policy sets none', () => {
    // As the cooldown test above, without ScaleInCooldown: scale-in at 26, complete at 27,
    // the next one (AlarmLow in ALARM at 46) is not held to 47 but runs at once: 27 + 5 min < 46.
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [1000, 10],
          [500, 20],
          [100, 30],
        ],
      }),
      60,
      {
        initialCapacity: 10,
      },
    );
    assert.deepEqual(timeline(r), ['26 scale-in ipi 10→5', '46 scale-in ipi 5→1']);
    // A step policy without Cooldown: the second +1 waits five minutes after the first completes.
    const step = stepPolicy('cpu', { metric: 'CPUUtilization', threshold: 50, steps: [[0, undefined, 1]] });
    delete (step.StepScalingPolicyConfiguration as Record<string, unknown>).Cooldown;
    const r2 = run(variant(1, 20, [step]), load({ CPUUtilization: [[90, 30]] }), 30, {
      initialCapacity: 2,
      metricLagSeconds: 0,
      provisioningSeconds: 60,
    });
    assert.deepEqual(timeline(r2).slice(0, 3), ['0 scale-out cpu 2→3', '6 scale-out cpu 3→4', '12 scale-out cpu 4→5']);
  });

  it('SuspendedState: scale-in suspended keeps capacity while AlarmLow stays in ALARM', () => {
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)], [], { SuspendedState: { DynamicScalingInSuspended: true } }),
      load({
        invocations: [
          [1000, 10],
          [100, 50],
        ],
      }),
      60,
      { initialCapacity: 10 },
    );
    assert.deepEqual(timeline(r), []);
    assert.equal(r.series.alarms[1]!.states[40], ALARM);
    assert.ok(r.events.some((e) => /DynamicScalingInSuspended/.test(e.reason)));
  });

  it('SuspendedState: scale-out suspended keeps capacity while the alarm stays in ALARM', () => {
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)], [], { SuspendedState: { DynamicScalingOutSuspended: true } }),
      load({ invocations: [[1000, 30]] }),
      30,
      { initialCapacity: 2 },
    );
    assert.deepEqual(timeline(r), []);
    assert.equal(r.series.alarms[0]!.states[20], ALARM);
    assert.ok(r.events.some((e) => /DynamicScalingOutSuspended/.test(e.reason)));
  });
});

describe('simulate: scheduled actions', () => {
  const raise = {
    ScheduledActionName: 'morning',
    Schedule: 'cron(0 8 * * ? *)',
    Timezone: 'Europe/Berlin',
    ScalableTargetAction: { MinCapacity: 6 },
  };
  const lower = {
    ScheduledActionName: 'evening',
    Schedule: 'cron(0 20 * * ? *)',
    Timezone: 'Europe/Berlin',
    ScalableTargetAction: { MinCapacity: 1 },
  };

  it('run at their time in their zone (08:00 Berlin = 06:00 UTC in July), raise Min and capacity at once', () => {
    const r = run(variant(1, 20, [], [raise, lower]), load({ invocations: [[0, 1440]] }), 1440, {
      scheduleDelaySeconds: 0,
    });
    assert.deepEqual(timeline(r), ['360 scheduled morning 1→6', '1080 scheduled evening 6→6']);
    assert.equal(r.series.min[400], 6);
    assert.equal(r.series.min[1100], 1);
  });

  it('a run before the window sets the bounds in force at its start', () => {
    const r = run(variant(1, 20, [], [raise]), load({ invocations: [[0, 60]] }), 60, {
      startMs: START + 12 * 60 * MIN,
    });
    assert.equal(r.series.min[0], 6);
    assert.equal(r.series.desired[0], 6);
    assert.ok(r.notes.some((n) => /scheduled action morning/.test(n)));
  });

  it('while the endpoint is Updating, an action that must change capacity retries each minute', () => {
    const action = {
      ScheduledActionName: 'floor',
      Schedule: 'at(2026-07-01T00:15:00)',
      ScalableTargetAction: { MinCapacity: 15 },
    };
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)], [action]),
      load({
        invocations: [
          [200, 10],
          [1000, 30],
        ],
      }),
      40,
      {
        initialCapacity: 2,
        scheduleDelaySeconds: 0,
        provisioningSeconds: 300,
      },
    );
    // The scale-out at 14 keeps the endpoint Updating until 19: the action waits, then runs.
    assert.deepEqual(timeline(r), ['14 scale-out ipi 2→10', '19 scheduled floor 10→15']);
    assert.ok(
      r.events.some((e) => e.kind === 'not-scaled' && e.source === 'floor' && /retried each minute/.test(e.reason)),
    );
  });

  it('scheduled scaling suspended: actions due are skipped', () => {
    const r = run(
      variant(1, 20, [], [raise], { SuspendedState: { ScheduledScalingSuspended: true } }),
      load({ invocations: [[0, 1440]] }),
      1440,
    );
    assert.deepEqual(timeline(r), []);
    assert.ok(r.events.some((e) => e.source === 'morning' && /ScheduledScalingSuspended/.test(e.reason)));
  });

  it('StartTime: no run before it', () => {
    const later = { ...raise, StartTime: '2026-07-02T00:00:00Z' };
    const r = run(variant(1, 20, [], [later]), load({ invocations: [[0, 2880]] }), 2880, { scheduleDelaySeconds: 0 });
    assert.deepEqual(timeline(r), ['1800 scheduled morning 1→6']);
  });

  it('EndTime stops later runs and reverts nothing', () => {
    const daily = { ...raise, EndTime: '2026-07-01T12:00:00Z' };
    const r = run(variant(1, 20, [], [daily, lower]), load({ invocations: [[0, 2880]] }), 2880, {
      scheduleDelaySeconds: 0,
    });
    // Day 2 has no morning run; the evening run sets a Min that is already 1.
    assert.deepEqual(timeline(r), [
      '360 scheduled morning 1→6',
      '1080 scheduled evening 6→6',
      '2520 scheduled evening 6→6',
    ]);
    assert.equal(r.series.min[1500], 1);
  });

  it('over a DST change an action keeps its local time: 08:00 Berlin is 07:00 UTC, then 06:00 (spring) and back (autumn)', () => {
    const days = (from: string, count: number) =>
      run(variant(1, 20, [], [raise, lower]), load({ invocations: [[0, count * 1440]] }), count * 1440, {
        startMs: Date.parse(from),
        scheduleDelaySeconds: 0,
      }).events.map((e) => `${new Date(e.time).toISOString().slice(0, 16)} ${e.source} ${e.from}→${e.to}`);
    assert.deepEqual(days('2026-03-28T00:00:00Z', 2), [
      '2026-03-28T07:00 morning 1→6',
      '2026-03-28T19:00 evening 6→6',
      '2026-03-29T06:00 morning 6→6',
      '2026-03-29T18:00 evening 6→6',
    ]);
    assert.deepEqual(days('2026-10-24T00:00:00Z', 2), [
      '2026-10-24T06:00 morning 1→6',
      '2026-10-24T18:00 evening 6→6',
      '2026-10-25T07:00 morning 6→6',
      '2026-10-25T19:00 evening 6→6',
    ]);
  });

  it('a local time the clocks skip does not run that day; one they repeat runs once, at its first occurrence', () => {
    const night = {
      ScheduledActionName: 'night',
      Schedule: 'cron(30 2 * * ? *)',
      Timezone: 'Europe/Berlin',
      ScalableTargetAction: { MinCapacity: 2 },
    };
    const times = (from: string) =>
      run(variant(1, 20, [], [night]), load({ invocations: [[0, 3 * 1440]] }), 3 * 1440, {
        startMs: Date.parse(from),
        scheduleDelaySeconds: 0,
      }).events.map((e) => new Date(e.time).toISOString().slice(0, 16));
    assert.deepEqual(times('2026-03-28T00:00:00Z'), ['2026-03-28T01:30', '2026-03-30T00:30']);
    assert.deepEqual(times('2026-10-24T00:00:00Z'), ['2026-10-24T00:30', '2026-10-25T00:30', '2026-10-26T01:30']);
  });

  it('scheduled actions ignore cooldowns: a raise right after a scale-in, inside its cooldown', () => {
    const floor = {
      ScheduledActionName: 'floor',
      Schedule: 'at(2026-07-01T00:28:00)',
      ScalableTargetAction: { MinCapacity: 8 },
    };
    // Scale-in 10 → 3 at 26, complete at 27, scale-in cooldown of an hour; the action at 28 raises at once.
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100, { ScaleInCooldown: 3600, ScaleOutCooldown: 3600 })], [floor]),
      load({
        invocations: [
          [1000, 10],
          [300, 50],
        ],
      }),
      60,
      { initialCapacity: 10, scheduleDelaySeconds: 0 },
    );
    assert.deepEqual(timeline(r), ['26 scale-in ipi 10→3', '28 scheduled floor 3→8']);
  });

  it("a rate without StartTime counts from the epoch: runs on the rate's UTC grid, wherever the window starts", () => {
    const every6h = {
      ScheduledActionName: 'every6h',
      Schedule: 'rate(6 hours)',
      ScalableTargetAction: { MinCapacity: 2 },
    };
    for (const start of ['2026-07-01T03:00:00Z', '2026-07-01T04:17:00Z']) {
      const r = run(variant(1, 20, [], [every6h]), load({ invocations: [[0, 1440]] }), 1100, {
        startMs: Date.parse(start),
        scheduleDelaySeconds: 0,
      });
      assert.deepEqual(
        r.events.map((e) => new Date(e.time).toISOString().slice(11, 19)),
        ['06:00:00', '12:00:00', '18:00:00'],
        start,
      );
    }
  });
});

describe('simulate: SageMaker specifics', () => {
  it('zero traffic publishes zeros: target tracking scales in to the minimum', () => {
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [500, 10],
          [0, 50],
        ],
      }),
      60,
      {
        initialCapacity: 5,
      },
    );
    assert.deepEqual(timeline(r), ['26 scale-in ipi 5→1']);
  });

  it('--legacy-no-zero: no datapoints without traffic, AlarmLow in INSUFFICIENT_DATA, no scale-in', () => {
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [500, 10],
          [0, 50],
        ],
      }),
      60,
      {
        initialCapacity: 5,
        legacyNoZero: true,
      },
    );
    assert.deepEqual(timeline(r), []);
    assert.equal(r.series.alarms[1]!.states[30], INSUFFICIENT_DATA);
  });

  it('a variant never goes below one instance; MinCapacity 0 is read as 1, with a note', () => {
    const r = run(variant(0, 20, [targetTracking('ipi', 100)]), load({ invocations: [[0, 60]] }), 60, {
      initialCapacity: 3,
    });
    assert.equal(Math.min(...r.series.desired), 1);
    assert.ok(r.notes.some((n) => /MinCapacity 0 is simulated as 1/.test(n)));
  });

  const inferenceComponent = () =>
    variant(
      0,
      4,
      [
        targetTracking('ipc', 5, {}, 'SageMakerInferenceComponentInvocationsPerCopy'),
        stepPolicy('wake', {
          metric: 'NoCapacityInvocationFailures',
          threshold: 1,
          comparison: 'GreaterThanThreshold',
          statistic: 'Sum',
          aggregation: 'Maximum',
          steps: [[0, undefined, 1]],
          cooldown: 60,
        }),
      ],
      [],
      INFERENCE_COMPONENT,
    );

  it('an inference component scales to 0 copies and wakes on NoCapacityInvocationFailures, failing requests meanwhile', () => {
    // 5 a minute on one copy is on target; traffic stops at 10 (AlarmLow: 15 datapoints, seen
    // at 26) and returns at 50: 10 failures in minute 50 (> 1) are seen at 52; the copy is
    // InService 5 minutes later, and the requests until then fail.
    const r = run(
      inferenceComponent(),
      load({
        invocations: [
          [5, 10],
          [0, 40],
          [10, 30],
        ],
      }),
      80,
      { initialCapacity: 1 },
    );
    // The failures of minutes 55–56, measured before the copy served, are still seen at 58,
    // when the 60 s cooldown has run out: a second copy. A faithful quirk of the wake-up policy.
    assert.deepEqual(timeline(r), ['26 scale-in ipc 1→0', '52 scale-out wake 0→1', '58 scale-out wake 1→2']);
    assert.equal(r.series.inService[56], 0);
    assert.equal(r.series.inService[57], 1);
    assert.equal(r.summary.requestsWithoutCapacity, 70);
  });

  it('an inference component woken within 17 minutes of scaling to 0 is scaled in again: AlarmLow holds ALARM on its last datapoints', () => {
    // With no copy there is no InvocationsPerCopy datapoint, so AlarmLow's range keeps the
    // zeros of minutes 10–25 until they leave it at 43: the oldest real datapoint breaches and
    // is at least 15 periods old, so the alarm stays in ALARM (the premature-alarm rule) and
    // invokes the policy every minute, which asks for ceil(0 / 5) = 0 copies. Traffic back at
    // 30: the copy woken at 32 is InService at 37 and removed at once; the wake-up policy,
    // out of its cooldown at 38, adds it again, and AlarmLow, INSUFFICIENT_DATA by then, lets it be.
    const r = run(
      inferenceComponent(),
      load({
        invocations: [
          [5, 10],
          [0, 20],
          [10, 30],
        ],
      }),
      60,
      { initialCapacity: 1 },
    );
    assert.deepEqual(timeline(r), [
      '26 scale-in ipc 1→0',
      '32 scale-out wake 0→1',
      '37 scale-in ipc 1→0',
      '38 scale-out wake 0→1',
      '44 scale-out wake 1→2',
    ]);
    assert.equal(r.series.alarms[1]!.states[36], ALARM, 'AlarmLow in ALARM on the zeros of minutes 20–25');
    assert.equal(r.series.alarms[1]!.states[43], INSUFFICIENT_DATA, 'the last zero has left the range');
  });

  it('provisioning and metric lag are parameters: no lag and instant provisioning react sooner', () => {
    const l = load({
      invocations: [
        [200, 10],
        [1000, 50],
      ],
    });
    const slow = run(variant(1, 20, [targetTracking('ipi', 100)]), l, 60, { initialCapacity: 2 });
    const fast = run(variant(1, 20, [targetTracking('ipi', 100)]), l, 60, {
      initialCapacity: 2,
      metricLagSeconds: 0,
      provisioningSeconds: 0,
    });
    assert.deepEqual(timeline(slow), ['14 scale-out ipi 2→10']);
    assert.deepEqual(timeline(fast), ['13 scale-out ipi 2→10']);
    assert.equal(fast.series.inService[13], 10);
  });

  it('a metric lag of three periods leaves two real datapoints in the range of five: the premature-alarm rule still alarms', () => {
    // With 3 minutes of lag the three newest datapoints of AlarmHigh's range are not visible
    // yet. At 15:00 the range is X X - - - (minutes 10 and 11): fewer than 3 real, but the
    // oldest breaches, is 5 ≥ 3 periods old and nothing since is below the target.
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [200, 10],
          [1000, 50],
        ],
      }),
      60,
      { initialCapacity: 2, metricLagSeconds: 180 },
    );
    assert.deepEqual(timeline(r), ['15 scale-out ipi 2→10']);
  });
});

describe('simulate: what cannot be simulated is reported, never ignored', () => {
  it('a policy on a metric the load lacks names the column it needs', () => {
    const r = run(
      variant(1, 20, [
        targetTracking('ipi', 100),
        stepPolicy('latency', { metric: 'ModelLatency', threshold: 200000, steps: [[0, undefined, 2]] }),
      ]),
      load({ invocations: [[100, 10]] }),
      10,
    );
    assert.deepEqual(r.notSimulated, [
      { policy: 'latency', reason: "its alarm's metric ModelLatency has no source in the load", needs: 'ModelLatency' },
    ]);
  });

  it('predictive scaling and metric math are reported with the reason', () => {
    const r = run(
      variant(1, 20, [
        { PolicyName: 'forecast', PolicyType: 'PredictiveScaling', PredictiveScalingPolicyConfiguration: {} },
        {
          PolicyName: 'math',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { TargetValue: 5, CustomizedMetricSpecification: { Metrics: [] } },
        },
      ]),
      load({ invocations: [[100, 10]] }),
      10,
    );
    assert.deepEqual(
      r.notSimulated.map((n) => `${n.policy}: ${n.reason}`),
      [
        'forecast: predictive scaling is not simulated (Application Auto Scaling offers it for ECS only)',
        'math: metric math (Metrics) is not simulated yet',
      ],
    );
  });

  it('a step policy run on INSUFFICIENT_DATA, or with an alarm the engine cannot run among several, is reported', () => {
    // INSUFFICIENT_DATA has no metric value, so no step can be chosen by it (AWS does not
    // say what such an invocation does); one alarm of several that cannot run leaves the
    // whole policy out, naming that alarm.
    const onInsufficient = stepPolicy('dark', {
      metric: 'InvocationsPerInstance',
      threshold: 50,
      trigger: ['ALARM', 'INSUFFICIENT_DATA'],
      steps: [[0, undefined, 1]],
    });
    const withMath = withAlarms(
      stepPolicy('mixed', { metric: 'InvocationsPerInstance', threshold: 50, steps: [[0, undefined, 1]] }),
      { ...alarm('mixed-math', { metric: 'InvocationsPerInstance', threshold: 1 }), Metrics: [] },
    );
    const withoutColumn = withAlarms(
      stepPolicy('gpu', { metric: 'InvocationsPerInstance', threshold: 50, steps: [[0, undefined, 1]] }),
      alarm('gpu-high', { metric: 'GPUUtilization', threshold: 80 }),
    );
    const r = run(variant(1, 20, [onInsufficient, withMath, withoutColumn]), load({ invocations: [[100, 10]] }), 10);
    assert.deepEqual(r.notSimulated, [
      {
        policy: 'dark',
        reason:
          'its alarm dark-alarm triggers it on INSUFFICIENT_DATA (TriggerPolicyOn), which is not simulated: INSUFFICIENT_DATA has no metric value to choose a step by',
      },
      { policy: 'mixed', reason: 'its alarm mixed-math uses metric math (Metrics), not simulated yet' },
      {
        policy: 'gpu',
        reason: "its alarm gpu-high's metric GPUUtilization has no source in the load",
        needs: 'GPUUtilization',
      },
    ]);
  });

  it('a target-tracking policy needs invocations or concurrency for its metric', () => {
    const r = run(variant(1, 20, [targetTracking('ipi', 100)]), load({ concurrency: [[5, 10]] }), 10);
    assert.equal(r.notSimulated[0]?.needs, 'invocations');
  });
});

describe('simulate: the summary', () => {
  it('figures that need demand, or a target on per-instance demand, are absent without them', () => {
    // --max-per-instance with a load of CPU only: no demand to compare, no minutes counted.
    const cpuOnly = run(
      variant(1, 20, [stepPolicy('cpu', { metric: 'CPUUtilization', threshold: 50, steps: [[0, undefined, 1]] })]),
      load({ CPUUtilization: [[90, 30]] }),
      30,
      { maxPerInstance: 100 },
    );
    assert.equal(cpuOnly.summary.underProvisionedMinutes, undefined);
    // Target tracking on the total Invocations (a customized metric) does not say what one
    // instance should serve: no over-provisioned minutes from it.
    const total = run(
      variant(1, 20, [
        {
          PolicyName: 'total',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: 1000,
            CustomizedMetricSpecification: { MetricName: 'Invocations', Namespace: 'AWS/SageMaker', Statistic: 'Sum' },
          },
        },
      ]),
      load({ invocations: [[500, 30]] }),
      30,
      { initialCapacity: 4 },
    );
    assert.equal(total.summary.overProvisionedMinutes, undefined);
  });

  it('the highest metric is the highest datapoint, a 10-second one for a high-resolution metric', () => {
    // 5 requests in flight, 50 for the ten seconds from 00:05:20, on 5 instances: the
    // 10-second datapoint reaches 10; the mean of that minute is only 2.5.
    const ticks = 60 * 6;
    const times = Float64Array.from({ length: ticks }, (_, i) => START + i * 10_000);
    const values = Float64Array.from({ length: ticks }, (_, i) => (i === 32 ? 50 : 5));
    const r = run(
      variant(5, 5, [
        targetTracking('concurrency', 10, {}, 'SageMakerVariantConcurrentRequestsPerModelHighResolution'),
      ]),
      { columns: [{ name: 'concurrency', times, values, intervalMs: 10_000 }] },
      60,
      { initialCapacity: 5 },
    );
    assert.equal(r.summary.highestMetric.ConcurrentRequestsPerModel, 10);
    assert.equal(r.series.metrics[0]!.values[5], 2.5, 'the series keeps the mean of the minute');
  });

  it('instance-hours, cost, and minutes under- and over-provisioned', () => {
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({
        invocations: [
          [200, 10],
          [1000, 50],
        ],
      }),
      60,
      {
        initialCapacity: 2,
        pricePerInstanceHour: 1.5,
        maxPerInstance: 150,
      },
    );
    // 2 instances for 19 minutes, then 10 for 41.
    const hours = (2 * 19 + 10 * 41) / 60;
    assert.equal(r.summary.instanceHours, Math.round(hours * 1000) / 1000);
    assert.equal(r.summary.cost, Math.round(hours * 1.5 * 100) / 100);
    // From 10 to 19 demand (1000) exceeds 2 × 150.
    assert.equal(r.summary.underProvisionedMinutes, 9);
    assert.deepEqual(r.summary.reactions, [{ start: START + 10 * MIN, end: START + 19 * MIN, needed: 7 }]);
    assert.equal(r.summary.overProvisionedMinutes, 0);
    assert.equal(r.summary.scaleOuts, 1);
  });
});

describe('simulate: a load shorter than the window', () => {
  it('a note says which columns end (or start) inside the window and how the rest is read', () => {
    // One row: 500 requests in the first minute, then nothing for the other 59.
    const r = run(
      variant(1, 20, [targetTracking('ipi', 100)]),
      load({ invocations: [[500, 1]], CPUUtilization: [[40, 30]] }),
      60,
    );
    assert.ok(
      r.notes.includes(
        'The load does not cover the whole window (2026-07-01T00:00:00Z to 2026-07-01T01:00:00Z): invocations covers 2026-07-01T00:00:00Z to 2026-07-01T00:01:00Z, CPUUtilization 2026-07-01T00:00:00Z to 2026-07-01T00:30:00Z. Outside its rows demand is read as no traffic, a metric as missing datapoints.',
      ),
      r.notes.join(' | '),
    );
    assert.deepEqual(run(variant(1, 20, []), load({ invocations: [[500, 60]] }), 60).notes, []);
  });
});

describe('simulate: parameters that mean nothing fall back with a note, never NaN in the result', () => {
  const target = variant(1, 20, [targetTracking('ipi', 100)]);
  const demand = load({
    invocations: [
      [200, 10],
      [1000, 50],
    ],
  });

  /** Every number of the series, events and summary is finite. */
  function assertFinite(r: SimulationResult, label: string): void {
    for (const name of ['desired', 'inService', 'min', 'max'] as const)
      r.series[name].forEach((v, m) => assert.ok(Number.isFinite(v), `${label}: ${name}[${m}] is ${v}`));
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'number') assert.ok(Number.isFinite(value), `${label}: ${path} is ${value}`);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(r.summary, 'summary');
    walk(r.events, 'events');
    assert.ok(Number.isFinite(r.startMs) && Number.isFinite(r.endMs) && r.series.length >= 1, `${label}: the window`);
  }

  it('a delay, lag, cooldown or alarm shape that is not a number in range: the default, and a note naming it', () => {
    const expected = run(target, demand, 60, { initialCapacity: 2 });
    const cases: Partial<SimulationParameters>[] = [
      { provisioningSeconds: NaN },
      { provisioningSeconds: -5 },
      { deprovisioningSeconds: Infinity },
      { metricLagSeconds: NaN },
      { metricLagSeconds: -60 },
      { defaultCooldownSeconds: NaN },
      { evaluationRangeExtra: -1 },
      { evaluationRangeExtra: 1.5 },
      { lowAlarmRatio: 0 },
      { lowAlarmRatio: NaN },
      { highResolutionLowPeriods: 0 },
      { scheduleLookbackDays: NaN },
    ];
    for (const bad of cases) {
      const label = JSON.stringify(bad, (_, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
      );
      const r = run(target, demand, 60, { initialCapacity: 2, ...bad });
      assertFinite(r, label);
      assert.deepEqual(timeline(r), timeline(expected), label);
      assert.deepEqual(r.summary, expected.summary, label);
      const [key] = Object.keys(bad) as (keyof SimulationParameters)[];
      assert.ok(
        r.notes.some((n) => n.startsWith(`Parameter ${key!} `) && /the default .* is used/.test(n)),
        `${label}: ${r.notes.join(' | ')}`,
      );
      assert.equal(r.parameters[key!], expected.parameters[key!], `${label}: the parameters report the default`);
    }
  });

  it('an initial capacity that is not a whole number ≥ 0 starts at the MinCapacity, with a note', () => {
    const expected = run(target, demand, 60);
    for (const initialCapacity of [NaN, 2.5, -1]) {
      const r = run(target, demand, 60, { initialCapacity });
      assertFinite(r, String(initialCapacity));
      assert.deepEqual(timeline(r), timeline(expected), String(initialCapacity));
      assert.ok(
        r.notes.some((n) => n.startsWith('Parameter initialCapacity ')),
        r.notes.join(' | '),
      );
    }
  });

  it('a price or a per-instance maximum that is not a number in range is left out, with a note', () => {
    for (const bad of [
      { maxPerInstance: 0 },
      { maxPerInstance: NaN },
      { pricePerInstanceHour: -1 },
      { pricePerInstanceHour: NaN },
    ] as Partial<SimulationParameters>[]) {
      const r = run(target, demand, 60, { initialCapacity: 2, ...bad });
      assertFinite(r, JSON.stringify(bad));
      assert.equal(r.summary.cost, undefined);
      assert.equal(r.summary.underProvisionedMinutes, undefined);
      assert.ok(r.notes.some((n) => /^Parameter (maxPerInstance|pricePerInstanceHour) .*: left out/.test(n)));
    }
  });

  it('a window that is not a number runs one minute from the epoch, with a note', () => {
    const r = run(target, demand, 60, { startMs: NaN, durationMs: NaN });
    assertFinite(r, 'NaN window');
    assert.equal(r.series.length, 1);
    assert.ok(r.notes.some((n) => n.startsWith('Parameter startMs ')));
    assert.ok(r.notes.some((n) => n.startsWith('Parameter durationMs ')));
  });
});
