import { partition } from '@aws-sdk/core/client';
import { didYouMeanOneOf, nearestRegions } from '../core/language/didYouMean';

// Region names checked against the AWS SDK's own partition data: the table its endpoint
// resolution reads (partitions.json, shipped in @aws-sdk/core and re-exported by
// @aws-sdk/util-endpoints), so the list grows with the SDK, not by hand. A typo such as
// eu-centrl-1 is caught before any call, with the region meant, instead of failing later
// with a host that does not resolve (AWS) or an HTTP 500 page (a local stand-in).
//
// The SDK exposes the table only through partition(name), which returns the region's
// description ("Europe (Frankfurt)") for a name it lists and none for a name it merely
// guesses the partition of. Whether a region is known is asked of it, the SDK that will
// build the endpoint; which regions are near a typo is found in core's copy of its table
// (core/facts/regions.ts), which it does not export, by the search the editor and lint use.

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
 * Known regions close to `typed`: one edit away, else two (`maxEdits: 1` for a picker that
 * asks on every key). Sorted; empty when nothing is close. Upper case is read as lower.
 * The search is core's, over core's copy of the SDK's Regions, which a unit test holds equal
 * to the SDK's data: the editor and lint suggest the same names as plan and apply.
 */
export const suggestRegions: (typed: string, options?: { maxEdits?: 1 | 2 }) => string[] = nearestRegions;

/**
 * Why `region` cannot be used, naming `where` it came from ("--region", "the file's
 * Region", "the region setting"…), or undefined when the SDK knows it.
 */
export function regionProblem(region: string, where: string): string | undefined {
  if (isKnownRegion(region)) return undefined;
  const hint = didYouMeanOneOf(suggestRegions(region));
  return `${where} "${region}" is not an AWS Region: ${
    hint ||
    'give a region code such as us-east-1 or eu-central-1 (a region opened after this release of sagemaker-scaling needs a newer release)'
  }`;
}
