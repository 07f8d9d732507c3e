import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../core/lint/check';
import { applyEdits, fixesToOffer } from '../../core/document/edits';

// Quick fixes in a document with syntax errors: the rules read jsonc-parser's best guess at
// the tree, and an edit placed by it can glue new text to the broken part. Such a fix is
// not offered; one that leaves the syntax as it was is. (Found by throwing generated and
// mutated documents at the fixes; the fuzz test holds well-formed documents' fixes to
// keeping them well-formed.)

const NOW = new Date('2026-11-28T12:00:00Z');

const action = (tail: string) => `{
  "ScalableTargets": [
    {
      "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "MinCapacity": 1,
      "MaxCapacity": 4,
      "ScheduledActions": [
        {
          "ScheduledActionName": "morning",
          "Schedule": "cron(0 8 ? * MON-FRI *)",
          "ScalableTargetAction": { "MinCapacity": 2 }${tail}
        }
      ]
    }
  ]
}
`;

function utcFix(text: string) {
  const analysis = analyzeText(text, { now: NOW });
  const finding = analysis.findings.find((f) => f.code === 'tz.utc-default');
  assert.ok(
    finding?.fixes?.length === 1,
    `tz.utc-default with its fix in: ${analysis.findings.map((f) => f.code).join(', ')}`,
  );
  return { parsed: analysis.parsed, fixes: finding.fixes };
}

describe('fixesToOffer', () => {
  it('drops a fix that would add syntax errors to a broken document', () => {
    // A key whose value was half typed over: the fix would append after "EndTime", into the garbage.
    const text = action(',\n          "EndTime"dTime": "2027-01-01T00:00:00Z"');
    const { parsed, fixes } = utcFix(text);
    assert.ok(parsed.syntaxErrors.length > 0);
    const worse = analyzeText(applyEdits(text, fixes[0]!.edits), { now: NOW }).parsed.syntaxErrors.length;
    assert.ok(
      worse > parsed.syntaxErrors.length,
      `the fix alone would make ${worse} syntax errors of ${parsed.syntaxErrors.length}`,
    );
    assert.deepEqual(fixesToOffer(parsed, fixes), []);
  });

  it('keeps a fix in a broken document when it leaves the syntax as it was', () => {
    const text = action(',\n          "EndTime": "2027-01-01T00:00:00Z" "StartTime": "2026-01-01T00:00:00Z"');
    const { parsed, fixes } = utcFix(text);
    assert.ok(parsed.syntaxErrors.length > 0);
    assert.deepEqual(fixesToOffer(parsed, fixes), fixes);
  });

  it('keeps the fixes of a well-formed document without re-reading it', () => {
    const { parsed, fixes } = utcFix(action(''));
    assert.equal(parsed.syntaxErrors.length, 0);
    assert.equal(fixesToOffer(parsed, fixes), fixes);
  });
});

describe('applyEdits', () => {
  it('applies edits from the last to the first, whatever their order', () => {
    assert.equal(
      applyEdits('abcdef', [
        { start: 1, end: 2, newText: 'X' },
        { start: 4, end: 4, newText: 'YY' },
      ]),
      'aXcdYYef',
    );
    assert.equal(
      applyEdits('abcdef', [
        { start: 4, end: 4, newText: 'YY' },
        { start: 1, end: 2, newText: 'X' },
      ]),
      'aXcdYYef',
    );
  });
});
