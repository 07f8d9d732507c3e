import type { Range } from '../finding';
import type { Located, ScalableTarget, ScalingPolicy } from '../document/model';

export { rangeOf } from '../document/model';

/** A short range that stands for an object: the key that holds it, or its opening brace. */
export function headOf(located: Located): Range {
  return located.keyRange ?? { start: located.range.start, end: located.range.start + 1 };
}

/**
 * The document range of part of a string value: `length` characters from `offset` in the
 * decoded value. Escapes (`\"`, `\u0041`) make the source longer than the value, so the
 * source is walked to map decoded positions to offsets.
 */
export function insideString(text: string, prop: { readonly range: Range }, offset: number, length: number): Range {
  const sourceStart = prop.range.start + 1;
  const sourceEnd = prop.range.end - 1;
  const toSource = (decoded: number): number => {
    let source = sourceStart;
    for (let i = 0; i < decoded && source < sourceEnd; i++) {
      if (text.charCodeAt(source) === 92 /* \ */) source += text.charCodeAt(source + 1) === 117 /* u */ ? 6 : 2;
      else source += 1;
    }
    return Math.min(source, sourceEnd);
  };
  const start = toSource(offset);
  const end = toSource(offset + Math.max(length, 1));
  return { start, end: Math.max(end, Math.min(start + 1, prop.range.end)) };
}

/** A readable name for a target in messages: its ResourceId, or its position. */
export function targetLabel(target: ScalableTarget): string {
  return target.resourceId ? `"${target.resourceId.value}"` : `target #${target.index + 1}`;
}

/** A readable name for a policy in messages: its name in quotes, or its position. */
export function policyLabel(policy: ScalingPolicy): string {
  return policy.policyName ? `"${policy.policyName.value}"` : `policy #${policy.index + 1}`;
}

/** A short range that stands for a policy: its name, or its opening brace. */
export function policyHead(policy: ScalingPolicy): Range {
  return policy.policyName?.range ?? headOf(policy);
}
