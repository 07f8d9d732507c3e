// The order statistics both benches quote.

/** The nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The median by nearest rank: of an even count, the lower of the two middle values. */
export function median(values: number[]): number {
  return percentile(values, 0.5);
}
