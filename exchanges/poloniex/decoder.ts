import type { ExchangeEvent, MarketEvent } from "../../lib/core/events.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { RawFrame } from "../../lib/core/frames.ts";
import { countRejected, type FrameCounts } from "../../lib/core/frame_counts.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { BestPrices } from "./best_prices.ts";
import { BookChain } from "./book_chain.ts";
import { scanBookFrame } from "./book_scanner.ts";
import { type BookItem, parseWsFrame, type VenuePairs, type WsMessage } from "./parse.ts";
import { type Market, marketsFromRest } from "./rest_parse.ts";

/** `book_lv2` streams the top 20 levels a side, whatever depth is asked for (protocols.md §5.2.1). */
export const BOOK_DEPTH = 20;

/** Frames by outcome since the decoder was made. */
export interface DecoderStats extends FrameCounts {
  /** Broken id chains. */
  gaps: number;
  /** Updates dropped: before a book's first snapshot, or after a break until the next. */
  dropped: number;
}

/** A public frame decoded: market events (with the book losses found), or a control message as parsed. */
export type Decoded =
  | {
    readonly type: "events";
    readonly events: readonly MarketEvent[];
    /** Books whose chain broke in this frame (a BookIntegrityLost is among the events for each). */
    readonly broken: readonly string[];
  }
  | Exclude<WsMessage, { readonly type: "book" | "ticker" | "events" }>;

const NO_BREAKS: readonly string[] = Object.freeze([]);

/**
 * The one parse path for Poloniex public frames, used live by the adapter and offline by replay (book frames
 * in the usual layout take the fast scanner, everything else the JSON path; both give the same events): knows the
 * markets (from REST `/markets`), follows every book's id chain (a break becomes BookIntegrityLost
 * "sequence-gap" within the message that broke it, and the book's updates are dropped until its next
 * snapshot), keeps the best prices the ticker needs, and counts what it rejects.
 */
export class PoloniexDecoder {
  readonly venue = "poloniex";
  readonly stats: DecoderStats = {
    frames: 0,
    events: 0,
    malformed: 0,
    unknownChannel: 0,
    unknownSymbol: 0,
    gaps: 0,
    dropped: 0,
  };
  readonly chain = new BookChain();
  #bySymbol = new Map<string, Instrument>();
  #byVenue = new Map<string, Instrument>();
  #markets = new Map<string, Market>();
  #best = new BestPrices();

  setMarkets(list: readonly Market[]): void {
    for (const m of list) {
      this.#bySymbol.set(m.instrument.symbol, m.instrument);
      this.#byVenue.set(m.instrument.venueSymbol!, m.instrument);
      this.#markets.set(m.instrument.symbol, m);
    }
  }

  instrument(symbol: string): Instrument | undefined {
    return this.#bySymbol.get(symbol);
  }

  market(symbol: string): Market | undefined {
    return this.#markets.get(symbol);
  }

  /** Instruments by Poloniex name ("BTC_USDT"). */
  get venuePairs(): VenuePairs {
    return this.#byVenue;
  }

  /** The venue streams 20 levels of every book. */
  bookDepth(symbol: string): number | undefined {
    return this.#bySymbol.has(symbol) ? BOOK_DEPTH : undefined;
  }

  /** Best bid and ask of a streamed book, in ticks (0 for a side not known). */
  bestPrices(symbol: string): { bid: number; ask: number } {
    return this.#best.best(symbol);
  }

  /** Drops the book's updates until its next snapshot (asked for by a resubscription or reconnect). */
  awaitSnapshot(symbol: string): void {
    this.chain.await(symbol);
    this.#best.forget(symbol);
  }

  /** One public WebSocket frame. */
  decodeWs(text: string, now: number): Decoded {
    this.stats.frames++;
    const scanned = scanBookFrame(text, this.#byVenue);
    if (scanned !== null) return this.#book(scanned.snapshot, [scanned.item], now);
    const msg = parseWsFrame(text, this.#byVenue, now);
    switch (msg.type) {
      case "book":
        return this.#book(msg.snapshot, msg.items, now);
      case "ticker": {
        const events: MarketEvent[] = msg.items.map((t) => {
          const { bid, ask } = this.#best.best(t.inst.symbol);
          return {
            kind: "TickerChanged",
            symbol: t.inst.symbol,
            bid,
            ask,
            last: t.last,
            volume: t.volume,
            time: t.time,
          };
        });
        this.stats.events += events.length;
        return { type: "events", events, broken: NO_BREAKS };
      }
      case "events":
        this.stats.events += msg.events.length;
        return { type: "events", events: msg.events, broken: NO_BREAKS };
      case "rejected":
        countRejected(this.stats, msg.reason);
        return msg;
      default:
        return msg;
    }
  }

  /** Book items of one frame through the id chain: what to apply, and a loss where the chain broke. */
  #book(snapshot: boolean, items: readonly BookItem[], now: number): Decoded {
    const events: MarketEvent[] = [];
    let broken: string[] | null = null;
    for (const item of items) {
      const symbol = item.inst.symbol;
      if (snapshot) {
        this.chain.snapshot(symbol, item.id);
        this.#best.snapshot(symbol, item.bids, item.asks);
        events.push({ kind: "BookSnapshot", symbol, bids: item.bids, asks: item.asks, time: item.time });
        continue;
      }
      const step = this.chain.update(symbol, item.lastId, item.id);
      if (step === "ok") {
        this.#best.update(symbol, item.bids, item.asks);
        events.push({ kind: "BookUpdate", symbol, bids: item.bids, asks: item.asks, time: item.time });
      } else if (step === "waiting") {
        this.stats.dropped++;
      } else {
        this.stats.gaps++;
        this.#best.forget(symbol);
        (broken ??= []).push(symbol);
        events.push({
          kind: "BookIntegrityLost",
          symbol,
          reason: "sequence-gap",
          detail: this.chain.breaks.get(symbol) ?? "the id chain broke",
          time: now,
        });
      }
    }
    this.stats.events += events.length;
    return { type: "events", events, broken: broken ?? NO_BREAKS };
  }

  /**
   * A recorded frame (replay): WS frames as live; REST `/markets` answers load the markets; other REST answers
   * carry nothing replay needs. Null when the frame was rejected.
   */
  decode(frame: RawFrame): readonly ExchangeEvent[] | null {
    if (frame.src === "rest") {
      this.stats.frames++;
      if (!/\/markets(\?|$)/.test(frame.url)) return [];
      try {
        this.setMarkets(marketsFromRest(parseLexemeJson(frame.data)));
        return [];
      } catch {
        this.stats.malformed++;
        return null;
      }
    }
    const msg = this.decodeWs(frame.data, frame.t);
    if (msg.type === "events") return msg.events;
    return msg.type === "rejected" ? null : [];
  }
}
