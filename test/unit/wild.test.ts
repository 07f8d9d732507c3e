import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintDocument } from '../../core/lint/lintDocument';
import { FIXTURES } from '../paths';

// The wild corpus (test/fixtures/wild): real SageMaker scaling configurations, translated,
// with every finding an engineer judged true, false, noise or duplicate (VERDICTS.json). This
// holds the judgement: each finding judged true is still reported (same file, code and line);
// no finding judged false, noise or duplicate (true, but another finding on the same place
// says it, so it was merged away) comes back; and every finding the linter reports has been
// judged, so a new one fails here until someone records its verdict.

const WILD = join(FIXTURES, 'wild');
// A fixed clock: some findings (a schedule's next run, an at() in the past) depend on it.
const NOW = new Date('2026-11-28T12:00:00Z');

type Verdict = 'true' | 'false' | 'noise' | 'duplicate';

interface JudgedFinding {
  code: string;
  line: number;
  severity: string;
  message: string;
  verdict: Verdict;
  reason: string;
}

interface Verdicts {
  files: Record<string, { findings: JudgedFinding[] }>;
}

const verdicts = JSON.parse(readFileSync(join(WILD, 'VERDICTS.json'), 'utf8')) as Verdicts;
const files = readdirSync(WILD)
  .filter((name) => name.endsWith('.scaling.json'))
  .sort();

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface Reported {
  code: string;
  line: number;
  severity: string;
  message: string;
}

async function lint(name: string): Promise<Reported[]> {
  const text = readFileSync(join(WILD, name), 'utf8');
  const { findings } = await lintDocument(text, { uri: `file:///wild/${name}`, now: NOW });
  return findings.map((f) => ({ code: f.code, line: lineOf(text, f.start), severity: f.severity, message: f.message }));
}

const key = (f: { code: string; line: number }) => `${f.code}@${f.line}`;

describe('the wild corpus holds its verdicts', () => {
  it('every corpus file has its entry in VERDICTS.json, and every entry its file', () => {
    assert.deepEqual(Object.keys(verdicts.files).sort(), files);
  });

  for (const name of files) {
    it(name, async () => {
      const reported = await lint(name);
      const judged = verdicts.files[name]?.findings ?? [];
      const byKey = new Map(judged.map((f) => [key(f), f]));
      const reportedKeys = new Set(reported.map(key));

      const lost = judged.filter((f) => f.verdict === 'true' && !reportedKeys.has(key(f))).map(key);
      assert.deepEqual(lost, [], 'findings judged true that are no longer reported');

      const back = reported.filter((f) => {
        const verdict = byKey.get(key(f))?.verdict;
        return verdict === 'false' || verdict === 'noise' || verdict === 'duplicate';
      });
      assert.deepEqual(
        back.map((f) => `${key(f)} (${byKey.get(key(f))!.verdict}): ${f.message}`),
        [],
        'findings judged false, noise or duplicate that are reported again',
      );

      const unjudged = reported.filter((f) => !byKey.has(key(f)));
      assert.deepEqual(
        unjudged.map((f) => `${key(f)} ${f.severity}: ${f.message}`),
        [],
        'findings nobody has judged: add them to VERDICTS.json with a verdict and a reason',
      );
    });
  }
});
