import { setImmediate } from "node:timers";

/**
 * Resolves in a later task of the event loop: every microtask queued before (promise chains that never
 * touch the outside) has run by then. Neither a timer (nested timers are held back to 4 ms) nor a message to
 * oneself (Deno may hand a MessagePort's message over within the same round of microtasks) does this.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
