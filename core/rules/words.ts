import type { ScalableTarget } from '../document/model';
import { SAGEMAKER_DIMENSIONS } from '../facts/sagemaker';

// Words the rules' messages share: lists and counts, in the singular where there is one; and
// the words of a name, which some rules read.

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The words of a name, in lower case: "ScaleOutInMorning" → scale, out, in, morning; "scale-down_night" → scale, down, night. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** A noun in its two numbers. */
export interface Noun {
  one: string;
  many: string;
}

/** "1 instance", "2 instances", "0 instances", "1.5 instances". */
export function count(n: number, noun: Noun): string {
  return `${n} ${n === 1 ? noun.one : noun.many}`;
}

const INSTANCE: Noun = { one: 'instance', many: 'instances' };
const COPY: Noun = { one: 'copy', many: 'copies' };
const CONCURRENCY: Noun = { one: 'unit of provisioned concurrency', many: 'units of provisioned concurrency' };
const CAPACITY: Noun = { one: 'capacity unit', many: 'capacity units' };

/** What one unit of a target's capacity is called. */
export function capacityNoun(target: ScalableTarget): Noun {
  switch (target.scalableDimension?.value) {
    case SAGEMAKER_DIMENSIONS.variantInstances:
      return INSTANCE;
    case SAGEMAKER_DIMENSIONS.inferenceComponentCopies:
      return COPY;
    case SAGEMAKER_DIMENSIONS.variantProvisionedConcurrency:
      return CONCURRENCY;
    default:
      return CAPACITY;
  }
}
