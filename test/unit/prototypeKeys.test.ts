import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import { completionsAt } from '../../core/language/completion';
import { parseSchedule } from '../../core/schedule';
import { checkTimeZone } from '../../core/schedule';

// Values that are names of Object.prototype members must be treated as the unknown words
// they are: a lookup table that inherits from Object.prototype would find a function there.

const NOW = new Date('2026-11-28T12:00:00Z');
const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

function doc(name: string): string {
  return JSON.stringify(
    {
      ScalableTargets: [
        {
          ServiceNamespace: name,
          ResourceId: 'endpoint/e/variant/v',
          ScalableDimension: name,
          MinCapacity: 1,
          MaxCapacity: 4,
          ScalingPolicies: [
            {
              PolicyName: 'a',
              PolicyType: name,
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 70,
                PredefinedMetricSpecification: { PredefinedMetricType: name },
              },
            },
            {
              PolicyName: 'b',
              PolicyType: 'TargetTrackingScaling',
              TargetTrackingScalingPolicyConfiguration: {
                TargetValue: 70,
                CustomizedMetricSpecification: { Metrics: [{ Id: 'm1', Expression: 'm1', ReturnData: true }] },
              },
            },
          ],
          ScheduledActions: [
            {
              ScheduledActionName: 'x',
              Schedule: `rate(5 ${name})`,
              Timezone: name,
              ScalableTargetAction: { MinCapacity: 2 },
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}

describe('values named like Object.prototype members', () => {
  for (const name of NAMES) {
    it(`"${name}" is an unknown word everywhere, never a built-in`, () => {
      const text = doc(name);
      const { findings } = analyzeText(text, { now: NOW });
      for (const f of findings)
        assert.doesNotMatch(f.message, /function|\[native code\]|\[object Object\]/, `${f.code}: ${f.message}`);
      assert.ok(
        !findings.some((f) => f.code === 'policy.type-config-match'),
        "an unknown PolicyType is the schema's to report",
      );
      const at = text.indexOf(`"PredefinedMetricType": "${name}"`) + '"PredefinedMetricType": "'.length;
      assert.doesNotThrow(() => completionsAt(text, analyzeText(text, { now: NOW }).model, at));
      assert.equal(checkTimeZone(name).valid, false);
      assert.equal(parseSchedule(`rate(5 ${name})`).schedule, undefined);
    });
  }
});
