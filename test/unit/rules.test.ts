import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import { applyEdits } from '../../core/document/edits';
import { ENGINE_CODES, RULES_BY_CODE } from '../../core/rules';
import { LIVE_RULE_CODES } from '../../core/rules/liveRules';
import { loadRuleFixtures } from '../ruleFixtures';
import { buildModel } from '../../core/document/model';
import { parseDocument } from '../../core/document/parse';
import { endpointKindOf } from '../../core/facts/endpointKinds';

const NOW = new Date('2026-11-28T12:00:00Z');

function codeCounts(findings: readonly { code: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
}
const fixtures = loadRuleFixtures();

// Codes the engine itself reports, which have their own tests rather than fixtures.
// Live rules need AWS and are tested in test/aws.
const WITHOUT_FIXTURES = new Set([
  ...ENGINE_CODES.map((c) => c.code).filter((c) => c !== 'format.unused-disable' && c !== 'format.unknown-rule'),
  ...LIVE_RULE_CODES,
]);

describe('rule fixtures', () => {
  it('every registered rule code has a bad and a good fixture', () => {
    for (const code of RULES_BY_CODE.keys()) {
      if (WITHOUT_FIXTURES.has(code)) continue;
      assert.ok(
        fixtures.some((f) => f.code === code && f.kind === 'bad'),
        `no bad fixture for ${code}`,
      );
      assert.ok(
        fixtures.some((f) => f.code === code && f.kind === 'good'),
        `no good fixture for ${code}`,
      );
    }
  });

  it('every kind of SageMaker endpoint has bad and good fixtures, scale-to-zero included', () => {
    // The kind as the file tells it (core/facts/endpointKinds.ts): rules that depend on it
    // must be seen to fire, and to stay silent, on each.
    const seen = new Map<string, Set<string>>();
    for (const f of fixtures) {
      for (const target of buildModel(parseDocument(f.text).root)?.targets ?? []) {
        const kind = endpointKindOf(target).kind;
        if (!kind) continue;
        const kinds = seen.get(f.kind) ?? new Set<string>();
        kinds.add(kind);
        if (target.minCapacity?.value === 0) kinds.add(`${kind} scaling to zero`);
        seen.set(f.kind, kinds);
      }
    }
    const wanted = [
      'real-time',
      'async',
      'async scaling to zero',
      'serverless',
      'inference-component',
      'inference-component scaling to zero',
      'multi-model',
    ];
    for (const kind of ['bad', 'good'] as const)
      assert.deepEqual(
        wanted.filter((k) => !seen.get(kind)?.has(k)),
        [],
        `endpoint kinds without a ${kind} fixture`,
      );
  });

  it('every fixture folder names a registered code', () => {
    for (const f of fixtures) assert.ok(RULES_BY_CODE.has(f.code), `fixture folder ${f.code} names no rule`);
  });

  for (const fixture of fixtures) {
    it(`${fixture.code} ${fixture.name}`, () => {
      const findings = analyzeText(fixture.text, { now: NOW }).findings.filter((f) => f.code === fixture.code);
      if (fixture.kind === 'good') {
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
          `${fixture.code} fired on a good fixture`,
        );
        return;
      }
      assert.deepEqual(
        findings.map((f) => ({ start: f.start, end: f.end, text: fixture.text.slice(f.start, f.end) })),
        fixture.expected.map((r) => ({ ...r, text: fixture.text.slice(r.start, r.end) })),
        'finding ranges differ from the ⟦marked⟧ ranges',
      );
      const meta = RULES_BY_CODE.get(fixture.code)!;
      // A rule may report some cases at another severity than its code's; its fixture says so.
      const severity = /\/\/ severity: (error|warning|information)\b/.exec(fixture.text)?.[1] ?? meta.severity;
      for (const finding of findings) {
        assert.equal(finding.severity, severity);
        assert.ok(finding.message.length > 20, 'the message explains the problem');
        for (const fix of finding.fixes ?? []) {
          const fixed = applyEdits(fixture.text, fix.edits);
          const analysis = analyzeText(fixed, { now: NOW });
          const after = analysis.findings.filter((f) => f.code === fixture.code);
          assert.equal(after.length, findings.length - 1, `fix "${fix.title}" did not clear its finding`);
          // The result still parses cleanly and carries no error the fixture did not have.
          assert.deepEqual(analysis.parsed.syntaxErrors, [], `fix "${fix.title}" broke the JSON`);
          const errorsBefore = new Set(
            analyzeText(fixture.text, { now: NOW })
              .findings.filter((f) => f.severity === 'error')
              .map((f) => f.code),
          );
          const newErrors = analysis.findings
            .filter((f) => f.severity === 'error' && !errorsBefore.has(f.code))
            .map((f) => `${f.code}: ${f.message}`);
          assert.deepEqual(newErrors, [], `fix "${fix.title}" introduced errors`);
          // Nor leads into another rule's warning: a fix the user takes should not earn a new finding.
          const before = codeCounts(analyzeText(fixture.text, { now: NOW }).findings);
          const led = [...codeCounts(analysis.findings)]
            .filter(([code, n]) => code !== fixture.code && n > (before.get(code) ?? 0))
            .map(([code]) => code);
          assert.deepEqual(led, [], `fix "${fix.title}" leads into other findings`);
        }
      }
    });
  }
});
