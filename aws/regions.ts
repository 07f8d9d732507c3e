import { partition } from '@aws-sdk/core/client';

// Region names checked against the AWS SDK's own partition data: the table its endpoint
// resolution reads (partitions.json, shipped in @aws-sdk/core and re-exported by
// @aws-sdk/util-endpoints), so the list grows with the SDK, not by hand. A typo such as
// eu-centrl-1 is caught before any call, with the region meant, instead of failing later
// with a host that does not resolve (AWS) or an HTTP 500 page (a local stand-in).
//
// The SDK exposes the table only through partition(name), which returns the region's
// description ("Europe (Frankfurt)") for a name it lists and none for a name it merely
// guesses the partition of. So suggestions are found by asking it about the names one or
// two edits away from the typed one, rather than by walking a list it does not export.

/** What may appear in a region name; anything else is not one. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';
/** The shape of a region name: letters in hyphenated words, then a number (leaves out the SDK's aws-global and the like). */
const SHAPE = /^[a-z]+(-[a-z]+)+-\d+$/;

/** The region's name in words, such as "Europe (Frankfurt)", when the SDK lists it; else undefined. */
export function regionDescription(region: string): string | undefined {
  if (!SHAPE.test(region)) return undefined;
  return (partition(region) as { description?: string }).description;
}

let tellsListedApart: boolean | undefined;

/**
 * Whether the SDK lists the region. Should an SDK update stop returning descriptions
 * (the function's type does not promise them; the unit tests would notice), every
 * well-formed name passes rather than every region being refused.
 */
export function isKnownRegion(region: string): boolean {
  tellsListedApart ??= regionDescription('us-east-1') !== undefined;
  return tellsListedApart ? regionDescription(region) !== undefined : SHAPE.test(region);
}

/**
 * Every string one transposition, deletion, substitution or insertion away from `word`,
 * in that order: the two-edit search spends its budget on the commonest slips first.
 */
function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  const at = (i: number) => [word.slice(0, i), word.slice(i)] as const;
  for (let i = 0; i + 1 < word.length; i++) {
    const [head, tail] = at(i);
    out.add(head + tail[1] + tail[0] + tail.slice(2));
  }
  for (let i = 0; i < word.length; i++) {
    const [head, tail] = at(i);
    out.add(head + tail.slice(1));
  }
  for (let i = 0; i < word.length; i++) {
    const [head, tail] = at(i);
    for (const c of ALPHABET) out.add(head + c + tail.slice(1));
  }
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = at(i);
    for (const c of ALPHABET) out.add(head + c + tail);
  }
  return out;
}

/** How many names the two-edit search asks the SDK about at most (about 0.15 s); a typo is nearly always found one edit away. */
const TWO_EDIT_BUDGET = 40_000;

/**
 * Known regions close to `typed`: one edit away, else two (within a budget of questions
 * to the SDK; `maxEdits: 1` keeps it to a few milliseconds, for a picker that asks on
 * every key). Sorted; empty when nothing is close. Upper case is read as lower.
 */
export function suggestRegions(typed: string, options: { maxEdits?: 1 | 2 } = {}): string[] {
  const word = typed.trim().toLowerCase();
  // Region names are short: 20 characters are more than two edits from any of them.
  if (!word || word.length > 20) return [];
  if (word !== typed && isKnownRegion(word)) return [word];
  const first = oneEditAway(word);
  const found = new Set([...first].filter(isKnownRegion));
  if (found.size === 0 && (options.maxEdits ?? 2) === 2) {
    let asked = 0;
    search: for (const near of first)
      for (const far of oneEditAway(near)) {
        if (!SHAPE.test(far)) continue;
        if (++asked > TWO_EDIT_BUDGET) break search;
        if (isKnownRegion(far)) found.add(far);
      }
  }
  found.delete(word);
  return [...found].sort();
}

/** "did you mean eu-central-1?" or "did you mean us-east-1 or us-west-1?", or '' when nothing is close. */
function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const listed =
    suggestions.length === 1
      ? suggestions[0]!
      : `${suggestions.slice(0, -1).join(', ')} or ${suggestions[suggestions.length - 1]!}`;
  return `did you mean ${listed}?`;
}

/**
 * Why `region` cannot be used, naming `where` it came from ("--region", "the file's
 * Region", "the region setting"…), or undefined when the SDK knows it.
 */
export function regionProblem(region: string, where: string): string | undefined {
  if (isKnownRegion(region)) return undefined;
  const hint = didYouMean(suggestRegions(region));
  return `${where} "${region}" is not an AWS Region: ${
    hint ||
    'give a region code such as us-east-1 or eu-central-1 (a region opened after this release of sagemaker-scaling needs a newer release)'
  }`;
}
