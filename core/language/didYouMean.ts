import { distance } from 'fastest-levenshtein';

// "Did you mean …?" for a name that does not exist: the closest of the names that do, when
// it is close enough to be a slip of the keyboard (a swapped, missing or extra letter or
// two), and nothing when several are equally close or none is.

/** The candidate closest to `name`, or undefined when none is close or two are equally close. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  // Up to one edit in three characters, and at least one: "e2e-alpah" → "e2e-alpha".
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    if (candidate === name) return undefined;
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}
