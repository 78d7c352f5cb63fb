import type { BookSnapshot, BookUpdate, ExchangeEvent } from "../../lib/core/events.ts";
import type { BookReader } from "../../lib/core/exchange.ts";
import type { Instrument } from "../../lib/core/instrument.ts";
import type { RawFrame } from "../../lib/core/frames.ts";
import { countRejected, type FrameCounts } from "../../lib/core/frame_counts.ts";
import { parseLexemeJson } from "../../lib/net/lexeme_json.ts";
import { digestBook, TOP_LEVELS } from "./book_digest.ts";
import { scanBookFrame } from "./book_scanner.ts";
import { type BookEvent, type BookMode, BookSync, type SnapshotOutcome } from "./book_sync.ts";
import { answerError } from "./errors.ts";
import type { RestOrderBook } from "./frames.ts";
import { channelOf, parseWsFrame, type WsMessage } from "./parse.ts";
import { restBook } from "./rest_parse.ts";
import { instrumentsFromMarkets } from "./symbols.ts";

/** Levels the local book keeps in diff mode: the whole book (the venue streams every level). */
export const FULL_DEPTH = 1_000_000;

/** Frames by outcome since the decoder was made. */
export interface DecoderStats extends FrameCounts {
  /** REST snapshots found older than the diffs they were to bridge. */
  staleSnapshots: number;
}

/** Checks in a row that may disagree before the book counts as wrong (see verifyBook). */
const TOLERATED_MISMATCHES = 1;

/**
 * The one parse path for Bitstamp frames, used live by the adapter and offline by replay: knows the
 * markets (from REST `markets/`), keeps one BookSync per streamed book, turns frames into events and counts
 * what it rejects. In replay the subscription acknowledgements say which books are streamed and how.
 */
export class BitstampDecoder {
  readonly venue = "bitstamp";
  readonly stats: DecoderStats = {
    frames: 0,
    events: 0,
    malformed: 0,
    unknownChannel: 0,
    unknownSymbol: 0,
    staleSnapshots: 0,
  };
  #bySymbol = new Map<string, Instrument>();
  #byMarket = new Map<string, Instrument>();
  #syncs = new Map<string, BookSync>();
  #mismatches = new Map<string, number>();
  /** Each check's verdict, so owners sharing the events (paper and the Trader) count one check once. */
  #verdicts = new WeakMap<BookSnapshot | BookUpdate, string | null>();
  #market = (name: string) => this.#byMarket.get(name);
  /** Told when a check found a book wrong: the book's sync already awaits a fresh snapshot. */
  onLost: ((symbol: string) => void) | null = null;

  setInstruments(list: readonly Instrument[]): void {
    for (const inst of list) {
      this.#bySymbol.set(inst.symbol, inst);
      if (inst.venueSymbol) this.#byMarket.set(inst.venueSymbol, inst);
    }
  }

  instrument(symbol: string): Instrument | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** The book of `symbol` is streamed in `mode` from now on (a fresh sync: a snapshot is awaited). */
  track(inst: Instrument, mode: BookMode): BookSync {
    const sync = new BookSync(inst, mode);
    this.#syncs.set(inst.symbol, sync);
    this.#mismatches.delete(inst.symbol);
    return sync;
  }

  sync(symbol: string): BookSync | undefined {
    return this.#syncs.get(symbol);
  }

  /** Levels the venue keeps for this book: the top 100 in top mode, all of it in diff mode. */
  bookDepth(symbol: string): number | undefined {
    const s = this.#syncs.get(symbol);
    return s === undefined ? undefined : s.mode === "diff" ? FULL_DEPTH : undefined;
  }

  /** One WebSocket frame: the message, with book frames passed through their book's sync. */
  decodeWs(text: string, now: number): { msg: WsMessage; events: BookEvent[] } {
    this.stats.frames++;
    const scanned = scanBookFrame(text, this.#market);
    const msg: WsMessage = scanned ? { type: "book", ...scanned } : parseWsFrame(text, this.#market, now);
    let events: BookEvent[] = [];
    switch (msg.type) {
      case "book": {
        const sync = this.#syncs.get(msg.inst.symbol);
        if (sync) {
          events = msg.kind === "top"
            ? sync.top(msg.micros, msg.bids, msg.asks)
            : sync.diff(msg.micros, msg.bids, msg.asks);
        }
        break;
      }
      case "trade":
        this.stats.events++;
        break;
      case "rejected":
        countRejected(this.stats, msg.reason);
        break;
    }
    this.stats.events += events.length;
    return { msg, events };
  }

  /** A REST `order_book/` answer for the book of `inst`, through its sync. */
  decodeRestBook(inst: Instrument, text: string): SnapshotOutcome {
    const sync = this.#syncs.get(inst.symbol);
    if (!sync) return { events: [], stale: false };
    const body = parseLexemeJson(text);
    const error = answerError(body, 200, `load book for "${inst.symbol}" on bitstamp`);
    if (error) throw error;
    const out = sync.snapshot(restBook(body as RestOrderBook, inst));
    if (out.stale) this.stats.staleSnapshots++;
    this.stats.events += out.events.length;
    return out;
  }

  /**
   * A recorded frame (replay): WebSocket frames as live, subscription acks naming the books and their
   * mode; REST `markets/` loads the markets, `order_book/` answers feed their book. Null when rejected.
   */
  decode(frame: RawFrame): readonly ExchangeEvent[] | null {
    if (frame.src === "rest") return this.#decodeRest(frame);
    const { msg, events } = this.decodeWs(frame.data, frame.t);
    switch (msg.type) {
      case "subscribed":
        this.#onAck(msg.channel);
        return [];
      case "trade":
        return [msg.trade];
      case "rejected":
        return null;
      default:
        return events;
    }
  }

  /**
   * Bitstamp's book check (BookVerifier): the digest of the local top 100 against the one of the
   * `order_book_` frame the empty update carries. Whether the two channels agree at every microtimestamp is
   * not documented, so one disagreement is tolerated; two checks in a row that disagree mean a lost diff.
   */
  verifyBook(inst: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate): string | null {
    if (ev.checksum === undefined) return null;
    const known = this.#verdicts.get(ev);
    if (known !== undefined) return known;
    const verdict = this.#verdict(inst.symbol, digestBook(book) === ev.checksum);
    this.#verdicts.set(ev, verdict);
    if (verdict !== null) {
      // From here diffs wait for a fresh snapshot, as after resync(): replay rebuilds the book as live did.
      const sync = this.#syncs.get(inst.symbol);
      if (sync && !sync.awaiting) sync.lose();
      this.onLost?.(inst.symbol);
    }
    return verdict;
  }

  #verdict(symbol: string, agrees: boolean): string | null {
    if (agrees) {
      this.#mismatches.delete(symbol);
      return null;
    }
    const n = (this.#mismatches.get(symbol) ?? 0) + 1;
    if (n <= TOLERATED_MISMATCHES) {
      this.#mismatches.set(symbol, n);
      return null;
    }
    this.#mismatches.delete(symbol);
    return `the top ${TOP_LEVELS} levels differ from Bitstamp's order_book frame ${n} times in a row (a diff was lost)`;
  }

  #onAck(channel: string): void {
    const ch = channelOf(channel);
    const inst = ch ? this.#byMarket.get(ch.market) : undefined;
    if (!ch || !inst) return;
    const known = this.#syncs.get(inst.symbol);
    if (ch.kind === "diff_order_book") this.track(inst, "diff");
    else if (ch.kind === "order_book" && (!known || known.mode === "top")) this.track(inst, "top");
  }

  #decodeRest(frame: RawFrame): readonly ExchangeEvent[] | null {
    this.stats.frames++;
    const path = pathOf(frame.url);
    try {
      if (path === "/api/v2/markets/") {
        this.setInstruments(instrumentsFromMarkets(parseLexemeJson(frame.data)));
        return [];
      }
      const book = /^\/api\/v2\/order_book\/([a-z0-9-]+)\/$/.exec(path);
      const inst = book ? this.#byMarket.get(book[1]!) : undefined;
      return inst ? this.decodeRestBook(inst, frame.data).events : [];
    } catch {
      this.stats.malformed++;
      return null;
    }
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}
