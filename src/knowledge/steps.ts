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

/**
 * Work on the main thread gives way this often, in milliseconds: short enough that a question
 * asked meanwhile waits no longer than a typing pause, long enough that the work is not slowed.
 */
const SLICE_MS = 8;

/** A pause that gives way to the event loop once SLICE_MS have passed since the last one. */
export function givingWay(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
