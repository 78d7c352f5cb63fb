import { nextNonce, type NonceSource } from "./nonce.ts";
import { writeAllSync } from "../core/write_all.ts";

const encoder = new TextEncoder();
/** Characters the nonce is padded to in the file: room for any 64-bit nonce. */
const WIDTH = 24;
const decoder = new TextDecoder();

/**
 * Nonces persisted in a small state file beside the ini, read and advanced under an exclusive lock:
 * increasing across restarts (even when the clock went back) and across processes sharing the key
 * and the file. Each nonce is one open, lock, read, write, close; the lock is held for microseconds.
 */
export class FileNonce implements NonceSource {
  readonly path: string;
  #now: () => number;
  #last = 0;

  /** `now` in ms since the epoch. */
  constructor(path: string, now: () => number = Date.now) {
    this.path = path;
    this.#now = now;
  }

  next(): string {
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(this.path, { read: true, write: true, create: true, mode: 0o600 });
    } catch (e) {
      throw new Error(`Cannot use the nonce file "${this.path}": ${e instanceof Error ? e.message : e}`, {
        cause: e,
      });
    }
    try {
      file.lockSync(true);
      const buf = new Uint8Array(64);
      const n = file.readSync(buf) ?? 0;
      const text = decoder.decode(buf.subarray(0, n)).trim();
      // Anything but a number (a torn write, an edit) counts as nothing stored: the clock takes over.
      const stored = /^\d{1,16}$/.test(text) ? Number(text) : 0;
      const nonce = nextNonce(Math.max(stored, this.#last), this.#now() * 1000);
      // Overwritten in place at a fixed width: truncating to zero and rewriting makes ext4 flush the
      // file on close (its replace-by-truncate safeguard), ten times the cost of the rest.
      const out = encoder.encode(`${String(nonce).padEnd(WIDTH)}\n`);
      file.seekSync(0, Deno.SeekMode.Start);
      writeAllSync(file, out);
      if (n > out.length) file.truncateSync(out.length);
      this.#last = nonce;
      return String(nonce);
    } finally {
      file.close();
    }
  }
}
