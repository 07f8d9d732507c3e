import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { Finding, Range } from '../finding';
import { RETIRED_BY_CODE, retiredNote } from '../rules/retired';

// In-place silencing, as users of any linter expect:
//   // scaling-disable-next-line <code>[, <code>…] [-- reason]
// silences those codes' findings that start on the next line; with no code, all of them.
// A comment that silences nothing is reported, and so is an unknown code.

const DIRECTIVE = 'scaling-disable-next-line';
const DIRECTIVE_PATTERN = /^(\/\/|\/\*)\s*scaling-disable-next-line\b/;

interface Directive {
  /** The comment's range. */
  range: Range;
  /** The line the directive applies to (0-based). */
  line: number;
  /** Codes with their ranges; empty means every code. */
  codes: { code: string; range: Range }[];
  used: Set<string>;
}

/** 0-based line of an offset, by binary search over line starts. */
function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function parseDirectives(text: string, lineStarts: number[]): Directive[] {
  const directives: Directive[] = [];
  // The scanner tells comments from strings, so a directive inside a string value is not one.
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const comment = text.slice(start, start + scanner.getTokenLength());
    if (!DIRECTIVE_PATTERN.test(comment)) continue;
    const bodyStart = comment.indexOf(DIRECTIVE) + DIRECTIVE.length;
    let body = comment.slice(bodyStart);
    if (kind === SyntaxKind.BlockCommentTrivia) body = body.replace(/\*\/$/, '');
    const reasonAt = body.indexOf('--');
    if (reasonAt >= 0) body = body.slice(0, reasonAt);
    const codes: Directive['codes'] = [];
    const codePattern = /[^\s,]+/g;
    for (let m = codePattern.exec(body); m; m = codePattern.exec(body)) {
      const codeStart = start + bodyStart + m.index;
      codes.push({ code: m[0], range: { start: codeStart, end: codeStart + m[0].length } });
    }
    const end = start + comment.length;
    directives.push({ range: { start, end }, line: lineOf(lineStarts, end) + 1, codes, used: new Set() });
  }
  return directives;
}

/**
 * Drops the findings silenced by disable comments and adds findings for comments that
 * silence nothing (of the rules that ran) or name an unknown code.
 */
export function applySuppressions(
  text: string,
  findings: Finding[],
  knownCodes: ReadonlySet<string>,
  ranCodes: ReadonlySet<string> = knownCodes,
): Finding[] {
  if (!text.includes(DIRECTIVE)) return findings; // the common case costs one search
  const lineStarts = lineStartsOf(text);
  const directives = parseDirectives(text, lineStarts);
  if (directives.length === 0) return findings;
  const byLine = new Map<number, Directive[]>();
  for (const d of directives) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);

  const kept: Finding[] = [];
  for (const finding of findings) {
    const candidates = byLine.get(lineOf(lineStarts, finding.start));
    const directive = candidates?.find((d) => d.codes.length === 0 || d.codes.some((c) => c.code === finding.code));
    if (directive) directive.used.add(directive.codes.length === 0 ? '*' : finding.code);
    else kept.push(finding);
  }

  for (const d of directives) {
    for (const { code, range } of d.codes) {
      const retired = RETIRED_BY_CODE.get(code);
      if (retired && !knownCodes.has(code)) {
        kept.push({
          ...range,
          code: 'format.unused-disable',
          severity: 'warning',
          unnecessary: true,
          message: `${retiredNote(retired)}, so nothing is reported under it; remove it from this comment.`,
        });
      } else if (!knownCodes.has(code)) {
        kept.push({
          ...range,
          code: 'format.unknown-rule',
          severity: 'warning',
          message: `"${code}" is not a rule code, so this comment silences nothing. See docs/rules.md for the codes.`,
        });
      } else if (!d.used.has(code) && ranCodes.has(code)) {
        // (A code whose rule did not run this time, as when tests run one rule, silenced nothing by chance.)
        kept.push({
          ...range,
          code: 'format.unused-disable',
          severity: 'warning',
          unnecessary: true,
          message: `Nothing on the next line is reported as ${code}; remove it from this comment.`,
        });
      }
    }
    if (d.codes.length === 0 && d.used.size === 0) {
      kept.push({
        ...d.range,
        code: 'format.unused-disable',
        severity: 'warning',
        unnecessary: true,
        message: 'This disable comment silences nothing on the next line; remove it.',
      });
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
}
