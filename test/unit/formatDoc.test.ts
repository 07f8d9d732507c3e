import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lintDocument } from '../../core/lint/lintDocument';
import { FORMAT_DOC, renderFormatDoc } from '../../scripts/formatDoc';

const NOW = new Date('2026-11-28T12:00:00Z');

/** Findings about a whole target, which a policy shown alone cannot answer. */
const TARGET_WIDE: ReadonlySet<string> = new Set(['sanity.never-scales-in', 'sm.async-scale-to-zero']);

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
      // The snippet sits under the target its alarms name; a scale-in to zero under one with MinCapacity 0.
      const endpoint = /"Name": "EndpointName", "Value": "([^"]+)"/.exec(step)?.[1] ?? 'my-endpoint';
      const toZero = /"AdjustmentType": "ExactCapacity"/.test(step) && /"ScalingAdjustment": 0\b/.test(step);
      const text = `{ "ScalableTargets": [ { "ServiceNamespace": "sagemaker", "ResourceId": "endpoint/${endpoint}/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": ${toZero ? 0 : 1}, "MaxCapacity": 10,
      "ScalingPolicies": [ ${step} ] } ] }`;
      const { findings } = await lintDocument(text, { uri: 'file:///docs/example.scaling.json', now: NOW });
      // A snippet is one policy shown alone: what the rest of its target would need (something
      // that scales in, sanity.never-scales-in; a way back from zero, sm.async-scale-to-zero)
      // is about the target, not the policy shown.
      const serious = findings.filter(
        (f) => !TARGET_WIDE.has(f.code) && (f.severity === 'error' || f.severity === 'warning'),
      );
      assert.deepEqual(
        serious.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    }
  });
});
