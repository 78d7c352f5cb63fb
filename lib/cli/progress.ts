import { writeAllSync } from "../core/write_all.ts";
/**
 * A progress bar on one terminal line (stderr), redrawn at most every `everyMs` and erased at the end:
 * `[██████████░░░░░░░░░░]  48 %  27.1 of 56.3 MB`. For people only: commands show it when stderr is a
 * terminal and the output is not --json.
 */
export class ProgressBar {
  readonly #total: number;
  readonly #write: (text: string) => void;
  readonly #now: () => number;
  readonly #everyMs: number;
  #last = -Infinity;
  #shown = false;

  constructor(
    total: number,
    write: (text: string) => void,
    options: { now?: () => number; everyMs?: number } = {},
  ) {
    this.#total = Math.max(1, total);
    this.#write = write;
    this.#now = options.now ?? (() => performance.now());
    this.#everyMs = options.everyMs ?? 100;
  }

  update(done: number): void {
    const now = this.#now();
    if (now - this.#last < this.#everyMs) return;
    this.#last = now;
    this.#shown = true;
    this.#write(`\r${progressLine(done, this.#total)}`);
  }

  /** Erases the line (the output that follows starts on a clean line). */
  done(): void {
    if (this.#shown) this.#write("\r\x1b[2K");
    this.#shown = false;
  }
}

/** The bar's text for `done` of `total` bytes. */
export function progressLine(done: number, total: number, width = 20): string {
  const f = Math.min(1, Math.max(0, done / Math.max(1, total)));
  const full = Math.round(f * width);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)} %  ${
    mb(Math.min(done, total))
  } of ${mb(total)} MB`;
}

/** A progress bar on stderr when it is a terminal and `json` is off; null otherwise. */
export function stderrProgress(total: number, json: boolean): ProgressBar | null {
  if (json || !Deno.stderr.isTerminal()) return null;
  const encoder = new TextEncoder();
  return new ProgressBar(total, (text) => {
    writeAllSync(Deno.stderr, encoder.encode(text));
  });
}
