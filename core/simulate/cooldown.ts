// Cooldowns, one clock per scalable target and direction (AWS does not say whether the
// clocks are per policy or per target: the simulator's assumption, docs/simulation.md),
// set by the policy whose activity started it and started when that activity *completes*
// ("after a scale-out activity completes": the target-tracking page,
// https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#target-tracking-cooldown).
//  - Scale-out: during the cooldown a policy only adds what exceeds the capacity already
//    added; a step policy sizes its step from the capacity before the activity that started
//    the cooldown (AWS's example: +2, then the +3 step adds only 1).
//  - Scale-in: blocked until the cooldown ends; a scale-out ends it at once.
// Scheduled actions ignore both.

export class Cooldowns {
  /** Scale-out cooldown ends (epoch ms). */
  outUntil = -Infinity;
  /** Capacity before the scale-out that started the cooldown. */
  outBase = 0;
  /** Scale-in cooldown ends (epoch ms). */
  inUntil = -Infinity;

  inScaleOutCooldown(now: number): boolean {
    return now < this.outUntil;
  }

  inScaleInCooldown(now: number): boolean {
    return now < this.inUntil;
  }

  /** A scale-out completed at `at`; `base` is the capacity before it. */
  scaledOut(at: number, cooldownMs: number, base: number): void {
    this.outUntil = at + cooldownMs;
    this.outBase = base;
  }

  /** A scale-out started: "the scale-in cooldown stops and doesn't complete". */
  scaleOutStarted(): void {
    this.inUntil = -Infinity;
  }

  scaledIn(at: number, cooldownMs: number): void {
    this.inUntil = at + cooldownMs;
  }
}
