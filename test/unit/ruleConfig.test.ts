import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import { parseRuleConfigText, ruleConfigCandidates } from '../../core/lint/ruleConfigFile';
import { RULES_BY_CODE } from '../../core/rules';

const NOW = new Date('2026-11-28T12:00:00Z');
const KNOWN = new Set(RULES_BY_CODE.keys());

const target = (min: number, max: number, before = '') => `{
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",${before}
      "MinCapacity": ${min},
      "MaxCapacity": ${max}
    }
  ]
}`;

const codes = (text: string) => analyzeText(text, { now: NOW }).findings.map((f) => f.code);

describe('disable comments', () => {
  it('silence the named code on the next line only', () => {
    assert.ok(codes(target(5, 1)).includes('target.min-le-max'));
    const silenced = target(5, 1, '\n      // scaling-disable-next-line target.min-le-max -- migrating next sprint');
    assert.ok(!codes(silenced).includes('target.min-le-max'));
    assert.ok(!codes(silenced).includes('format.unused-disable'));
  });

  it('with no code, silence everything on the next line', () => {
    assert.ok(!codes(target(5, 1, '\n      /* scaling-disable-next-line */')).includes('target.min-le-max'));
  });

  it('report a comment that silences nothing, on its code', () => {
    const text = target(1, 5, '\n      // scaling-disable-next-line target.min-le-max');
    const findings = analyzeText(text, { now: NOW }).findings;
    const unused = findings.find((f) => f.code === 'format.unused-disable');
    assert.ok(unused);
    assert.equal(text.slice(unused.start, unused.end), 'target.min-le-max');
    assert.equal(unused.severity, 'warning');
  });

  it('tell a comment that names a retired code that it silences nothing, and why', () => {
    const text = target(
      1,
      5,
      '\n      // scaling-disable-next-line sm.zero-traffic-no-scale-in -- traffic around the clock',
    );
    const findings = analyzeText(text, { now: NOW }).findings.filter((f) => f.code.startsWith('format.'));
    assert.deepEqual(
      findings.map((f) => [f.code, text.slice(f.start, f.end)]),
      [['format.unused-disable', 'sm.zero-traffic-no-scale-in']],
    );
    assert.match(
      findings[0]!.message,
      /"sm\.zero-traffic-no-scale-in" was retired \(the AWS documentation it rested on was withdrawn\)/,
    );
    assert.equal(findings[0]!.unnecessary, true);
  });

  it('report an unknown code instead of ignoring it', () => {
    const text = target(5, 1, '\n      // scaling-disable-next-line target.min-le-mx');
    const findings = analyzeText(text, { now: NOW }).findings;
    const unknown = findings.find((f) => f.code === 'format.unknown-rule');
    assert.ok(unknown);
    assert.equal(text.slice(unknown.start, unknown.end), 'target.min-le-mx');
    assert.ok(
      findings.some((f) => f.code === 'target.min-le-max'),
      'the misspelt comment silences nothing',
    );
  });

  it('are not comments inside strings', () => {
    const text = target(5, 1).replace(
      '"sagemaker",',
      '"sagemaker", "X": "// scaling-disable-next-line target.min-le-max",',
    );
    assert.ok(codes(text).includes('target.min-le-max'));
  });
});

describe('.scalingrc.json', () => {
  it('reads levels and reports unknown codes and bad levels at their place', () => {
    const text = '{ "rules": { "target.min-eq-max": "off", "target.nope": "warning", "target.min-le-max": "loud" } }';
    const { config, findings } = parseRuleConfigText(text, KNOWN);
    assert.deepEqual(config, { rules: { 'target.min-eq-max': 'off' } });
    assert.deepEqual(
      findings.map((f) => [f.code, text.slice(f.start, f.end)]),
      [
        ['format.unknown-rule', '"target.nope"'],
        ['format.rule-config', '"loud"'],
      ],
    );
  });

  it('says a retired code was retired, rather than unknown', () => {
    const text = '{ "rules": { "sm.zero-traffic-no-scale-in": "off" } }';
    const { config, findings } = parseRuleConfigText(text, KNOWN);
    assert.deepEqual(config, { rules: {} });
    assert.deepEqual(
      findings.map((f) => [f.code, text.slice(f.start, f.end)]),
      [['format.unknown-rule', '"sm.zero-traffic-no-scale-in"']],
    );
    assert.match(
      findings[0]!.message,
      /was retired \(the AWS documentation it rested on was withdrawn\), so this setting changes nothing/,
    );
  });

  it('reports a file that is not an object or not JSON', () => {
    assert.equal(parseRuleConfigText('[]', KNOWN).findings[0]?.code, 'format.rule-config');
    assert.equal(parseRuleConfigText('{ "rules": ', KNOWN).findings[0]?.code, 'format.rule-config');
    assert.equal(parseRuleConfigText('{ "rule": {} }', KNOWN).findings[0]?.code, 'format.rule-config');
  });

  it('is looked for in the folder and each parent', () => {
    assert.deepEqual(ruleConfigCandidates('/repo/infra/scaling'), [
      '/repo/infra/scaling/.scalingrc.json',
      '/repo/infra/.scalingrc.json',
      '/repo/.scalingrc.json',
      '/.scalingrc.json',
    ]);
    assert.deepEqual(ruleConfigCandidates('C:\\repo\\x'), [
      'C:\\repo\\x\\.scalingrc.json',
      'C:\\repo\\.scalingrc.json',
      'C:\\.scalingrc.json',
    ]);
  });
});
