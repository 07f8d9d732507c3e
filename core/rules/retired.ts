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
  {
    code: 'sm.target-value-invocations',
    short: 'a low per-minute target is right for slow models, and the file cannot tell',
    why: 'It warned that a SageMakerVariantInvocationsPerInstance TargetValue under 60 looks like a requests-per-second figure. The metric is per minute, but a model that takes seconds per request (image generation, an LLM) serves a few requests a minute, so 5 or 30 is the right figure for it, and the file cannot tell the two apart: all 3 of its findings in the wild corpus were wrong.',
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html',
    instead:
      'the hover on TargetValue gives the per-minute unit, the figure in requests per second and the load-testing formula',
  },
  {
    code: 'sm.highres-semantics',
    short: 'it described the metric without bearing on any risk',
    why: 'It described the high-resolution concurrency metrics (10-second data, faster scale-out, scale-in at the standard pace) on every policy that used one. A description bears on no risk of a particular file: all 5 of its findings in the wild corpus were noise.',
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html',
    instead: 'the hover on PredefinedMetricType says it',
  },
  {
    code: 'sanity.change-gt-range',
    short: 'a step clamped at the capacity bounds does no harm',
    why: 'It warned that a step larger than MaxCapacity − MinCapacity is always clamped. Application Auto Scaling keeps capacity within the bounds by design, and a clamped step simply reaches the bound: nothing goes wrong (both of its findings in the wild corpus were noise).',
    source: 'https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html',
    instead: 'the hover on a step adjustment says how far it can move the target',
  },
  {
    code: 'sanity.scale-in-too-fast',
    short: 'a short target-tracking scale-in cooldown does not make the fleet flap',
    why: 'It warned that a target-tracking ScaleInCooldown under 300 s makes a SageMaker fleet shrink and grow on a brief dip. Target tracking scales in gradually, only after its scale-in alarm has seen a sustained drop (15 one-minute data points in the alarms it creates for SageMaker) and only when removing capacity would not push the metric back above the target, so a brief dip removes nothing and the cooldown does not decide flapping: all 4 of its findings in the wild corpus were noise.',
    source:
      'https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html',
  },
];

export const RETIRED_BY_CODE: ReadonlyMap<string, RetiredCode> = new Map(RETIRED_CODES.map((r) => [r.code, r]));

/** "<code>" was retired (why), for a message about a comment or setting that names it. */
export function retiredNote(retired: RetiredCode): string {
  return `"${retired.code}" was retired (${retired.short}${retired.instead ? `; ${retired.instead}` : ''})`;
}
