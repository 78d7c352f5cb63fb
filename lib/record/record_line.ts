import type { RawFrame } from "../net/raw_frame.ts";

/** A recorded frame and the venue it came from. */
export interface RecordedFrame extends RawFrame {
  readonly venue: string;
}

/**
 * One NDJSON line of a recording. A frame that is one line of well-formed JSON (every Kraken frame) is
 * kept verbatim as the last member, `frame`:
 *   {"t":1696613755000,"venue":"kraken","src":"ws","url":"wss://ws.kraken.com/v2","frame":{"channel":...}}
 * so replay hands the decoder exactly the text that arrived, without a second parse. Anything else (a frame
 * with a line break, not JSON, or with lone surrogates) is kept as a JSON string in `data`, as DESIGN.md §10
 * writes every frame; recordings made that way read as before.
 */
export function recordLine(venue: string, frame: RawFrame): string {
  const head = `{"t":${JSON.stringify(frame.t)},"venue":${JSON.stringify(venue)},"src":${
    JSON.stringify(frame.src)
  },"url":${JSON.stringify(frame.url)},`;
  return embeddable(frame.data)
    ? `${head}"frame":${frame.data}}`
    : `${head}"data":${JSON.stringify(frame.data)}}`;
}

function embeddable(data: string): boolean {
  if (data.length === 0 || data.indexOf("\n") >= 0 || data.indexOf("\r") >= 0 || !data.isWellFormed()) {
    return false;
  }
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

const FRAME_KEY = ',"frame":';
const T_KEY = '{"t":';

/** A recorded frame's line without the frame text. */
export type RecordHead = Omit<RecordedFrame, "data">;

/**
 * Reads recording lines of either form. The header of the last `frame` line (venue, src, url) is kept, so
 * the next line with the same header costs a prefix compare, and the frame text is found by position.
 */
export class RecordLineReader {
  /** Where the frame text of the last line read lies: frameText[frameStart, frameEnd). */
  frameText = "";
  frameStart = 0;
  frameEnd = 0;
  /** `"venue":...,"src":...,"url":...,"frame":` of the last line read the slow way, and what it says. */
  #mid = "";
  #venue = "";
  #src: "ws" | "rest" = "ws";
  #url = "";

  /** The frame of line text[start, end) (no line break), or null when it is not a recorded frame. */
  read(text: string, start: number, end: number): RecordedFrame | null {
    const head = this.head(text, start, end);
    return head && { ...head, data: this.frameText.slice(this.frameStart, this.frameEnd) };
  }

  /**
   * The header of line text[start, end), with the place of its frame text in frameText, frameStart and
   * frameEnd (nothing is copied), or null when the line is not a recorded frame.
   */
  head(text: string, start: number, end: number): RecordHead | null {
    return this.#fast(text, start, end) ?? this.#slow(text, start, end);
  }

  #fast(text: string, start: number, end: number): RecordHead | null {
    const mid = this.#mid;
    // {"t":
    if (
      mid === "" || text.charCodeAt(start) !== 123 || text.charCodeAt(start + 1) !== 34 ||
      text.charCodeAt(start + 2) !== 116 || text.charCodeAt(start + 3) !== 34 ||
      text.charCodeAt(start + 4) !== 58
    ) return null;
    let i = start + T_KEY.length;
    const first = i;
    let t = 0;
    for (let d = text.charCodeAt(i) - 48; d >= 0 && d <= 9; d = text.charCodeAt(++i) - 48) t = t * 10 + d;
    if (i === first || i - first > 15 || (text.charCodeAt(first) === 48 && i - first > 1)) return null;
    if (text.charCodeAt(i) !== 44) return null;
    // Compared as one slice: a native compare, several times cheaper than a loop over ~70 chars.
    const from = i + 1 + mid.length;
    if (from >= end - 1 || text.slice(i + 1, from) !== mid) return null;
    if (text.charCodeAt(end - 1) !== 125) return null;
    this.frameText = text;
    this.frameStart = from;
    this.frameEnd = end - 1;
    return { t, venue: this.#venue, src: this.#src, url: this.#url };
  }

  #slow(text: string, start: number, end: number): RecordHead | null {
    const line = text.slice(start, end);
    const k = line.indexOf(FRAME_KEY);
    if (k < 0) {
      const v = parseObject(line);
      const head = v && headerOf(v);
      if (!head || typeof v.data !== "string") return null;
      this.frameText = v.data;
      this.frameStart = 0;
      this.frameEnd = v.data.length;
      return head;
    }
    const v = parseObject(line.slice(0, k) + "}");
    const head = v && headerOf(v);
    if (!head || line.length - 1 <= k + FRAME_KEY.length || line.charCodeAt(line.length - 1) !== 125) {
      return null;
    }
    const mid = `"venue":${JSON.stringify(head.venue)},"src":"${head.src}","url":${
      JSON.stringify(head.url)
    }${FRAME_KEY}`;
    if (line.startsWith(`${T_KEY}${JSON.stringify(head.t)},${mid}`)) {
      this.#mid = mid;
      this.#venue = head.venue;
      this.#src = head.src;
      this.#url = head.url;
    }
    this.frameText = line;
    this.frameStart = k + FRAME_KEY.length;
    this.frameEnd = line.length - 1;
    return head;
  }
}

function parseObject(json: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(json);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function headerOf(v: Record<string, unknown>): RecordHead | null {
  if (
    typeof v.t !== "number" || typeof v.venue !== "string" || (v.src !== "ws" && v.src !== "rest") ||
    typeof v.url !== "string"
  ) return null;
  return { t: v.t, venue: v.venue, src: v.src, url: v.url };
}
