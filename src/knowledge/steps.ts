/**
 * Work done a step at a time. Each `yield` marks a point where the caller may give way to the
 * event loop, so that a large release is parsed without holding a running bot for long.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end at once, for callers with nothing else to serve meanwhile. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps to the end, asking `pause` between two steps whether to give way to the event
 * loop first: it answers with a promise to wait for, or undefined to go on at once.
 */
export async function finishGivingWay<T>(
  steps: Steps<T>,
  pause: () => Promise<void> | undefined,
): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const wait = pause();
    if (wait) await wait;
  }
}
