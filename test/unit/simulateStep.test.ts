import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustedCapacity, findStep, percentChange, type StepAdjustment } from '../../core/simulate/step';

// The arithmetic of the Application Auto Scaling user guide's "Step scaling policies" page
// (https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html).

describe('step scaling arithmetic', () => {
  it('PercentChangeInCapacity rounds as the guide documents: 12.7 → 12, 0.67 → 1, −0.58 → −1, −6.67 → −6', () => {
    assert.equal(percentChange(100, 12.7), 12);
    assert.equal(percentChange(100, 0.67), 1);
    assert.equal(percentChange(100, -0.58), -1);
    assert.equal(percentChange(100, -6.67), -6);
  });

  it("the guide's worked example: 10 → 11 → 14 → 13 → 10", () => {
    let capacity = 10;
    for (const [percent, expected] of [
      [10, 11], // 10 % of 10 = 1
      [30, 14], // 30 % of 11 = 3.3 → 3
      [-10, 13], // 10 % of 14 = 1.4 → 1
      [-30, 10], // 30 % of 13 = 3.9 → 3
    ] as const) {
      capacity = adjustedCapacity('PercentChangeInCapacity', capacity, percent);
      assert.equal(capacity, expected);
    }
  });

  it('MinAdjustmentMagnitude raises a small percentage change: 25 % of 4 is 1, with 2 it is 2', () => {
    assert.equal(adjustedCapacity('PercentChangeInCapacity', 4, 25), 5);
    assert.equal(adjustedCapacity('PercentChangeInCapacity', 4, 25, 2), 6);
    assert.equal(adjustedCapacity('PercentChangeInCapacity', 4, -25, 2), 2);
  });

  it('ChangeInCapacity adds, ExactCapacity sets', () => {
    assert.equal(adjustedCapacity('ChangeInCapacity', 4, 3), 7);
    assert.equal(adjustedCapacity('ChangeInCapacity', 4, -3), 1);
    assert.equal(adjustedCapacity('ExactCapacity', 4, 9), 9);
  });

  it('bounds: above the threshold lower inclusive and upper exclusive; below it the other way round', () => {
    const out: StepAdjustment[] = [
      { lower: 0, upper: 10, adjustment: 0 },
      { lower: 10, upper: 20, adjustment: 10 },
      { lower: 20, adjustment: 30 },
    ];
    assert.equal(findStep(out, 0)?.adjustment, 0);
    assert.equal(findStep(out, 9.99)?.adjustment, 0);
    assert.equal(findStep(out, 10)?.adjustment, 10);
    assert.equal(findStep(out, 20)?.adjustment, 30);
    assert.equal(findStep(out, -1), undefined);
    const into: StepAdjustment[] = [
      { lower: -10, upper: 0, adjustment: 0 },
      { lower: -20, upper: -10, adjustment: -10 },
      { upper: -20, adjustment: -30 },
    ];
    assert.equal(findStep(into, -9.99)?.adjustment, 0);
    assert.equal(findStep(into, -10)?.adjustment, -10);
    assert.equal(findStep(into, -19.99)?.adjustment, -10);
    assert.equal(findStep(into, -20)?.adjustment, -30); // "≤ 30 gives −30 %" with threshold 50
  });

  it('a bound at the threshold itself is inclusive on either side: a metric exactly at the threshold is in [0, …) and in (…, 0]', () => {
    // StepAdjustment: "If the metric value is above the breach threshold, the lower bound is
    // inclusive [...]. Otherwise, it is exclusive" and the upper bound the other way round; at
    // the threshold a LessThanOrEqualToThreshold alarm is in ALARM and its (…, 0] step applies.
    assert.equal(findStep([{ upper: 0, adjustment: -1 }], 0)?.adjustment, -1);
    assert.equal(findStep([{ lower: -10, upper: 0, adjustment: 0 }], 0)?.adjustment, 0);
    // …and a GreaterThanOrEqualToThreshold alarm's [0, …) step, as the editor's hover reads it.
    assert.equal(findStep([{ lower: 0, adjustment: 1 }], 0)?.adjustment, 1);
  });
});
