import type { ExchangeEvent } from "../core/events.ts";
import { RecordLineReader } from "./record_line.ts";
import type { InPlaceDecoder, ReplayDecoder } from "./replay_decoder.ts";

type Decoder = ReplayDecoder & Partial<InPlaceDecoder>;

/**
 * One recording line through its venue's own parse path: what replay and backtests share. The frame text is
 * found by position in the line (record_line.ts) and handed to the decoder where it lies when the decoder
 * can read in place. Keeps counters and the decoder of each venue, nothing per line.
 */
export class RecordingDecoder {
  /** Non-empty lines read. */
  frames = 0;
  events = 0;
  /** Lines that are not a recorded frame, frames of an unknown venue, frames the decoder rejected. */
  malformed = 0;
  /** Recording time (ms) and venue of the last recorded frame read. */
  t = 0;
  venue = "";
  #decoderFor: (venue: string) => ReplayDecoder | undefined;
  #decoders = new Map<string, Decoder | null>();
  #reader = new RecordLineReader();
  #lastName = "";
  #last: Decoder | null = null;

  constructor(decoderFor: (venue: string) => ReplayDecoder | undefined) {
    this.#decoderFor = decoderFor;
  }

  /** The decoder of `venue` (once a line of it was read), or undefined. */
  decoder(venue: string): ReplayDecoder | undefined {
    return this.#decoders.get(venue) ?? undefined;
  }

  /**
   * The events of line text[start, end) (no line break); null for an empty line and a malformed one (counted
   * apart). A frame that carries nothing to replay gives an empty list.
   */
  line(text: string, start: number, end: number): readonly ExchangeEvent[] | null {
    if (start === end) return null;
    this.frames++;
    const r = this.#reader;
    const frame = r.head(text, start, end);
    if (!frame) {
      this.malformed++;
      return null;
    }
    let d: Decoder | null | undefined = this.#last;
    if (d === null || frame.venue !== this.#lastName) {
      d = this.#decoders.get(frame.venue);
      if (d === undefined) {
        d = this.#decoderFor(frame.venue) ?? null;
        this.#decoders.set(frame.venue, d);
      }
      this.#lastName = frame.venue;
      this.#last = d;
    }
    this.t = frame.t;
    this.venue = frame.venue;
    const evs = !d
      ? null
      : d.decodeAt
      ? d.decodeAt(frame, r.frameText, r.frameStart, r.frameEnd)
      : d.decode({ ...frame, data: r.frameText.slice(r.frameStart, r.frameEnd) });
    if (!evs) {
      this.malformed++;
      return null;
    }
    this.events += evs.length;
    return evs;
  }
}
