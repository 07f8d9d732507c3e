import { distance } from 'fastest-levenshtein';

// "Did you mean …?" for a name that does not exist: a command typed on the command line, an
// endpoint name in a file or on the command line (the CLI, and the live checks of plan and apply).

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
  const near = nearest(typed, candidates);
  if (near.length === 0) return '';
  return `did you mean ${near.length === 1 ? near[0]! : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]!}`}?`;
}
