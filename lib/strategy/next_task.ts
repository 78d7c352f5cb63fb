/**
 * Waits for the event loop's next task, by a message to itself: every microtask queued before (promise
 * chains that never touch the outside) has run by then. A timer cannot do this cheaply, since nested timers
 * are held back to 4 ms. The channel keeps the process alive while open: close() when done.
 */
export class NextTask {
  #channel: MessageChannel | null = null;
  #waiting: (() => void)[] = [];

  /** Resolves in the next task of the event loop. */
  next(): Promise<void> {
    let ch = this.#channel;
    if (!ch) {
      ch = this.#channel = new MessageChannel();
      ch.port1.onmessage = () => {
        const waiting = this.#waiting;
        this.#waiting = [];
        for (const w of waiting) w();
      };
    }
    const port = ch.port2;
    return new Promise((resolve) => {
      if (this.#waiting.push(resolve) === 1) port.postMessage(null);
    });
  }

  close(): void {
    this.#channel?.port1.close();
    this.#channel?.port2.close();
    this.#channel = null;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) w();
  }
}
