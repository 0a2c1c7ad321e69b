/** Runs `work` over `items` with at most `limit` at once, in order of start. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;

  const lane = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index], index);
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
