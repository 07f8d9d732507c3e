import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lintDocument } from '../../core/lint/lintDocument';
import { FORMAT_DOC, renderFormatDoc } from '../../scripts/formatDoc';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('docs/format.md', () => {
  const doc = readFileSync(FORMAT_DOC, 'utf8');

  it('has the field reference generated from the current schema (run npm run docs)', () => {
    assert.equal(doc, renderFormatDoc(doc));
  });

  it('shows a whole file that the linter passes without errors or warnings', async () => {
    const blocks = [...doc.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const whole = blocks.filter((b) => b.includes('"ScalableTargets"'));
    assert.ok(whole.length > 0);
    for (const text of whole) {
      const { findings } = await lintDocument(text, { uri: 'file:///docs/example.scaling.json', now: NOW });
      const serious = findings.filter((f) => f.severity !== 'information' && f.code !== 'json.syntax');
      assert.deepEqual(
        serious.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    }
  });

  it('shows step policies whose alarms the linter passes, inside a target', async () => {
    const steps = [...doc.matchAll(/```jsonc\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((b) => b.includes('"StepScaling"') && !b.includes('"ScalableTargets"'));
    assert.ok(steps.length >= 3, 'one alarm, several alarms, an alarm triggering on OK');
    for (const step of steps) {
      const text = `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 1, "MaxCapacity": 10,
      "ScalingPolicies": [ ${step} ] } ] }`;
      const { findings } = await lintDocument(text, { uri: 'file:///docs/example.scaling.json', now: NOW });
      // The rules that weigh a step against the side of the threshold the alarm fires on
      // (step.sign-side) do not know TriggerPolicyOn yet: for that example, errors only.
      // A snippet is one policy shown alone: that nothing else on its target scales in
      // (sanity.never-scales-in) is about the target, not the policy shown.
      const serious = findings.filter(
        (f) =>
          f.code !== 'sanity.never-scales-in' &&
          (f.severity === 'error' || (f.severity === 'warning' && !step.includes('"TriggerPolicyOn"'))),
      );
      assert.deepEqual(
        serious.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    }
  });
});
