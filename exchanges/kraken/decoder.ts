import type { BookReader } from "../../lib/core/exchange.ts";
import type { BookSnapshot, BookUpdate, ExchangeEvent } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { RawFrame } from "../../lib/net/raw_frame.ts";
import { countRejected, type FrameCounts } from "../../lib/core/frame_counts.ts";
import { scanBookFrame } from "./book_scanner.ts";
import { verifyKrakenBook } from "./verify.ts";
import type { RestAssetPair } from "./frames.ts";
import { parseWsFrame, type WsMessage } from "./parse.ts";
import { instrumentsFromAssetPairs, restResult } from "./rest_parse.ts";

/** Frames by outcome since the decoder was made. */
export type DecoderStats = FrameCounts;

/**
 * The one parse path for Kraken frames, used live by the adapter and offline by replay: knows the pairs
 * (from REST AssetPairs or the WS instrument channel), turns frames into messages, counts what it rejects.
 */
export class KrakenDecoder {
  readonly venue = "kraken";
  readonly pairs = new Map<string, Instrument>();
  readonly stats: DecoderStats = { frames: 0, events: 0, malformed: 0, unknownChannel: 0, unknownSymbol: 0 };

  #depths = new Map<string, number>();

  setInstruments(list: readonly Instrument[]): void {
    for (const inst of list) this.pairs.set(inst.symbol, inst);
  }

  instrument(symbol: string): Instrument | undefined {
    return this.pairs.get(symbol);
  }

  /** The depth of the book subscription to `symbol`, from the venue's last acknowledgement. */
  bookDepth(symbol: string): number | undefined {
    return this.#depths.get(symbol);
  }

  /** One WS v2 frame. Book frames take the fast scanner; everything else the lexeme-keeping JSON path. */
  decodeWs(text: string, now: number): WsMessage {
    this.stats.frames++;
    const book = scanBookFrame(text, this.pairs, now);
    if (book !== null) {
      this.stats.events++;
      return { type: "events", events: [book] };
    }
    return this.#other(text, now);
  }

  #other(text: string, now: number): WsMessage {
    const msg = parseWsFrame(text, this.pairs, now);
    switch (msg.type) {
      case "events":
        this.stats.events += msg.events.length;
        break;
      case "instruments":
        this.setInstruments(msg.instruments);
        break;
      case "reply":
        if (msg.success && msg.channel === "book" && msg.symbol && msg.depth) {
          if (msg.method === "subscribe") this.#depths.set(msg.symbol, msg.depth);
        }
        break;
      case "rejected":
        countRejected(this.stats, msg.reason);
        break;
    }
    return msg;
  }

  /**
   * A recorded frame (replay): WS frames as live; REST AssetPairs answers load the pairs; other REST
   * answers carry nothing replay needs. Null when the frame was rejected.
   */
  decode(frame: RawFrame): readonly ExchangeEvent[] | null {
    if (frame.src === "rest") {
      this.stats.frames++;
      if (!/\/public\/AssetPairs(\?|$)/.test(frame.url)) return [];
      try {
        const result = restResult<Record<string, RestAssetPair>>(frame.data, "read AssetPairs on kraken");
        this.setInstruments(instrumentsFromAssetPairs(result));
        return [];
      } catch {
        this.stats.malformed++;
        return null;
      }
    }
    return this.decodeAt(frame, frame.data, 0, frame.data.length);
  }

  /**
   * decode() of a frame whose text is text[start, end), read in place: replay hands the chunk of lines it
   * read, so a book frame is scanned where it lies and only other frames are cut out.
   */
  decodeAt(
    frame: Omit<RawFrame, "data">,
    text: string,
    start: number,
    end: number,
  ): readonly ExchangeEvent[] | null {
    if (frame.src === "rest") return this.decode({ ...frame, data: text.slice(start, end) });
    this.stats.frames++;
    const book = scanBookFrame(text, this.pairs, frame.t, start, end);
    if (book !== null) {
      this.stats.events++;
      return [book];
    }
    const msg = this.#other(start === 0 && end === text.length ? text : text.slice(start, end), frame.t);
    if (msg.type === "events") return msg.events;
    return msg.type === "rejected" ? null : [];
  }

  /** Kraken's checksum check of a book held in ticks of `instrument` (the ticks carry the precision). */
  verifyBook(_instrument: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate): string | null {
    return verifyKrakenBook(book, ev);
  }
}
