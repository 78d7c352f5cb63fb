import { ExchangeError, ExchangeUnavailable, RequestTimeout } from "../core/errors.ts";
import type { TimerHandle, Timers } from "./timers.ts";

interface Pending {
  resolve(result: unknown): void;
  reject(e: Error): void;
  timer: TimerHandle;
  action: string;
  onRefused?: () => void;
  refusal?: (error: string) => Error;
}

export interface WaitOptions {
  /** Called when the venue refuses (before the promise rejects). */
  readonly onRefused?: () => void;
  /** The error a refusal becomes; an ExchangeError with the venue's words by default. */
  readonly refusal?: (error: string) => Error;
}

/** Requests sent over the socket and waiting for their reply (matched by req_id), each with a deadline. */
export class PendingReplies {
  #pending = new Map<string, Pending>();
  #timers: Timers;

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  /**
   * Resolves with the reply's `result` on success; rejects with the venue's reason, with RequestTimeout on
   * the deadline, or with ExchangeUnavailable when the line drops.
   */
  wait(reqId: number, action: string, timeoutMs: number, opts: WaitOptions = {}): Promise<unknown> {
    const key = String(reqId);
    return new Promise((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => {
        this.#pending.delete(key);
        reject(new RequestTimeout(`Cannot ${action}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(key, { resolve, reject, timer, action, ...opts });
    });
  }

  /** Settles the request a reply answers; false when no request waits for it. */
  settle(reqId: string | null, success: boolean, error: string | null, result?: unknown): boolean {
    const p = reqId === null ? undefined : this.#pending.get(reqId);
    if (!p) return false;
    this.#pending.delete(reqId!);
    this.#timers.clearTimeout(p.timer);
    if (success) p.resolve(result);
    else {
      p.onRefused?.();
      const reason = error ?? "refused";
      p.reject(p.refusal ? p.refusal(reason) : new ExchangeError(`Cannot ${p.action}: ${reason}`));
    }
    return true;
  }

  failAll(reason: string): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) {
      this.#timers.clearTimeout(p.timer);
      p.reject(new ExchangeUnavailable(`Cannot ${p.action}: ${reason}`));
    }
  }
}
