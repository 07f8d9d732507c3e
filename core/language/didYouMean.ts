import { distance } from 'fastest-levenshtein';
import { REGIONS, REGION_CODES } from '../facts/regions';

// "Did you mean …?" for a name that does not exist: a command typed on the command line, an
// endpoint name in a file or on the command line (the CLI, and the live checks of plan and
// apply), a Region in a file (format.region-unknown), on the command line, in the environment
// or typed in the editor's region picker (aws/regions.ts, client/profileRegion.ts).

/**
 * The candidates nearest to `typed` by edit distance, when near enough to be a slip: at
 * most two edits (a third of a long word), and fewer than the word has letters, so that
 * "x" suggests nothing. Nearest first, then by name.
 */
export function nearest(typed: string, candidates: readonly string[]): string[] {
  const limit = Math.min(Math.max(2, Math.floor(typed.length / 3)), typed.length - 1);
  const scored = candidates
    .map((candidate) => ({ candidate, d: distance(typed.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ d }) => d <= limit);
  const best = Math.min(...scored.map(({ d }) => d));
  return scored
    .filter(({ d }) => d === best)
    .map(({ candidate }) => candidate)
    .sort();
}

/** "did you mean lint?" or "did you mean plan or apply?", or '' when nothing is near. */
export function didYouMean(typed: string, candidates: readonly string[]): string {
  return didYouMeanOneOf(nearest(typed, candidates));
}

/** "did you mean eu-central-1?" or "did you mean us-east-1 or us-west-1?" for names already found; '' for none. */
export function didYouMeanOneOf(names: readonly string[]): string {
  if (names.length === 0) return '';
  const listed = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
  return `did you mean ${listed}?`;
}

/**
 * How many slips of the keyboard turn `a` into `b`: a letter left out, added or replaced,
 * or two neighbours swapped, each one slip (the optimal string alignment distance). A swap
 * counts once, where plain edit distance counts two: "eu-cnetral-1" is one slip from
 * "eu-central-1".
 */
export function slips(a: string, b: string): number {
  // Three rows of the dynamic programme: the one before the previous is for swaps.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + replace);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates one slip from `typed`, else those two slips from it (with `maxSlips` 2):
 * the commonest typo is one slip, and a name two slips away is listed only when none is
 * closer. Sorted; `typed` itself is never among them.
 */
export function withinSlips(typed: string, candidates: readonly string[], maxSlips: 1 | 2 = 2): string[] {
  const scored = candidates.map((candidate) => ({ candidate, d: slips(typed, candidate) }));
  for (let d = 1; d <= maxSlips; d++) {
    const found = scored.filter((s) => s.d === d).map((s) => s.candidate);
    if (found.length > 0) return found.sort();
  }
  return [];
}

/**
 * The Regions (core/facts/regions.ts) most likely meant by a code that is none: one slip
 * away, else two (`maxEdits: 1` keeps to one, for a picker that asks on every key). Upper
 * case is read as lower, so "EU-CENTRAL-1" suggests eu-central-1. Sorted; empty when
 * nothing is close. The one search behind every "did you mean" about a Region: the
 * editor's and lint's (format.region-unknown), and plan's, apply's and the region picker's
 * (aws/regions.ts).
 */
export function nearestRegions(typed: string, options: { maxEdits?: 1 | 2 } = {}): string[] {
  const code = typed.trim().toLowerCase();
  if (!code) return [];
  if (code !== typed && REGIONS[code] !== undefined) return [code];
  return withinSlips(code, REGION_CODES, options.maxEdits ?? 2);
}
