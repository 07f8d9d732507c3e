// Codes the engine reported once and no longer does, each with why and the source that
// decided it. A retired code is no rule: settings and disable comments that name it are
// told it was retired (core/lint/suppressions.ts, core/lint/ruleConfigFile.ts), and
// docs/rules.md lists it with the reason. The evidence is the wild corpus
// (test/fixtures/wild), where each of these findings was judged wrong or beside the point.

export interface RetiredCode {
  code: string;
  /** Why it was retired, in a few words, for messages about comments and settings that name it. */
  short: string;
  /** Why it was retired, with the evidence. */
  why: string;
  /** The AWS page the decision rests on. */
  source: string;
  /** Where its explanation lives now, if anywhere (a hover). */
  instead?: string;
}

export const RETIRED_CODES: readonly RetiredCode[] = [
  {
    code: 'sm.zero-traffic-no-scale-in',
    short: 'the AWS documentation it rested on was withdrawn',
    why: "It said that SageMaker emits no zero-valued metrics, so a variant whose traffic stops never scales in. That was the SageMaker Developer Guide's text until April 2021; from then on the guide said the opposite (SageMaker emits zeros and scales in to MinCapacity), and the current page says neither. A rule that cannot know stays silent; all 8 of its findings in the wild corpus were wrong.",
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-edit.html',
  },
];

export const RETIRED_BY_CODE: ReadonlyMap<string, RetiredCode> = new Map(RETIRED_CODES.map((r) => [r.code, r]));

/** "<code>" was retired (why), for a message about a comment or setting that names it. */
export function retiredNote(retired: RetiredCode): string {
  return `"${retired.code}" was retired (${retired.short}${retired.instead ? `; ${retired.instead}` : ''})`;
}
