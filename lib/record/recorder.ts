import type { RawFrame } from "../net/raw_frame.ts";
import { recordLine } from "./record_line.ts";

/** Lines are written in batches of about this many characters. */
const BATCH = 1 << 16;

/**
 * Writes raw frames as NDJSON, one object a line (record_line.ts): a JSON frame verbatim as the last member,
 * `{"t":<ms>,"venue":"kraken","src":"ws"|"rest","url":"...","frame":<raw frame>}`, anything else as a string,
 * `..."data":"<raw frame text>"}`. write() never waits: lines are batched and written in order in the
 * background; close() flushes and reports the first write error, if any.
 */
export class NdjsonRecorder {
  readonly path: string;
  readonly venue: string;
  frames = 0;
  bytes = 0;
  #file: Deno.FsFile;
  #pending: string[] = [];
  #pendingChars = 0;
  #writing: Promise<void> = Promise.resolve();
  #error: unknown = null;
  #encoder = new TextEncoder();
  #closed = false;

  private constructor(path: string, venue: string, file: Deno.FsFile) {
    this.path = path;
    this.venue = venue;
    this.#file = file;
  }

  /** Creates (or truncates) `path`. */
  static async create(path: string, venue: string): Promise<NdjsonRecorder> {
    const file = await Deno.open(path, { write: true, create: true, truncate: true });
    return new NdjsonRecorder(path, venue, file);
  }

  write(frame: RawFrame): void {
    if (this.#closed) return;
    const line = recordLine(this.venue, frame);
    this.#pending.push(line);
    this.#pendingChars += line.length + 1;
    this.frames++;
    if (this.#pendingChars >= BATCH) this.#flush();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#flush();
    await this.#writing;
    this.#file.close();
    if (this.#error) {
      const detail = this.#error instanceof Error ? this.#error.message : String(this.#error);
      throw new Error(`Cannot write recording ${this.path}: ${detail}`, { cause: this.#error });
    }
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const bytes = this.#encoder.encode(this.#pending.join("\n") + "\n");
    this.#pending = [];
    this.#pendingChars = 0;
    this.bytes += bytes.length;
    this.#writing = this.#writing.then(async () => {
      if (this.#error) return;
      try {
        let off = 0;
        while (off < bytes.length) off += await this.#file.write(bytes.subarray(off));
      } catch (e) {
        this.#error = e;
      }
    });
  }
}
