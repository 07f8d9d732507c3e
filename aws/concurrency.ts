// Several AWS calls at once, a bounded number in flight: the reads of many targets, the
// live checks, apply's targets side by side. (A throttled call pauses every call of its
// session, whatever runs it: aws/session.ts.)

/** Runs fn over items with at most `limit` in flight, keeping the results in item order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
