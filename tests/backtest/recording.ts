/**
 * Kraken recordings written frame by frame for backtest tests, as `pytrader record` writes them: the REST
 * AssetPairs answer, the book subscription's acknowledgement, then book, trade and ohlc frames in the shapes
 * of the fake Kraken (tests/fakes/kraken: documented layouts, checksums computed independently by
 * FakeBook), each line stamped with the recording's clock.
 */
import { recordLine } from "../../lib/record/mod.ts";
import { formatTicks } from "../../lib/core/mod.ts";
import { FakeBook, type Level, levelsJson } from "../fakes/kraken/book_gen.ts";
import { ASSET_PAIRS } from "../bench/kraken_frames.ts";

const WS = "wss://ws.kraken.com/v2";
const DEPTH = 25;

export const T0 = Date.parse("2024-03-01T12:00:00Z");

/** Ticks of 0.1 USD and of 1e-8 BTC. */
export const USD = (p: number): number => Math.round(p * 10);
export const BTC = (q: number): number => Math.round(q * 1e8);

export class Recording {
  readonly lines: string[] = [];
  readonly book = new FakeBook(1, 8, 60, 1);
  t = T0;

  /** A book of `qty` every dollar: bids from `bid` down, asks from `ask` up, 50 each. */
  constructor(bid = 29999, ask = 30001, qty = 1) {
    const levels = (from: number, step: number) =>
      Array.from({ length: 50 }, (_, i) => ({ price: USD(from + step * i), qty: BTC(qty) }));
    this.book.reset(levels(bid, -1), levels(ask, 1));
    this.#line("rest", "https://api.kraken.com/0/public/AssetPairs", ASSET_PAIRS);
    this.#ws(
      `{"method":"subscribe","result":{"channel":"book","depth":${DEPTH},"snapshot":true,"symbol":"BTC/USD"},"success":true,"time_in":"${this.#ts()}","time_out":"${this.#ts()}","req_id":1}`,
    );
    const top = this.book.top(DEPTH);
    this.#ws(this.#bookFrame("snapshot", top.bids, top.asks, this.book.checksum(DEPTH)));
  }

  /** Moves the recording's clock on. */
  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** Sets levels (qty 0 deletes; ticks) and records the update a depth-25 subscriber gets. */
  move(changes: { side: "bid" | "ask"; price: number; qty: number }[]): this {
    const m = this.book.set(changes, [DEPTH]).get(DEPTH);
    if (!m) throw new Error("The move does not change the top 25 levels");
    this.#ws(this.#bookFrame("update", m.bids, m.asks, m.checksum));
    return this;
  }

  trade(side: "buy" | "sell", price: number, qty: number, id = this.lines.length): this {
    this.#ws(
      `{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"${side}","price":${
        formatTicks(price, 1)
      },"qty":${formatTicks(qty, 8)},"ord_type":"limit","trade_id":${id},"timestamp":"${this.#ts()}"}]}`,
    );
    return this;
  }

  /** An ohlc update of the candle that began at `begin` (ms), `interval` minutes long. */
  candle(begin: number, interval: number, ohlc: [number, number, number, number], volume: number): this {
    const [o, h, l, c] = ohlc.map((x) => formatTicks(x, 1));
    this.#ws(
      `{"channel":"ohlc","type":"update","timestamp":"${this.#ts()}","data":[{"symbol":"BTC/USD","open":${o},"high":${h},"low":${l},"close":${c},"trades":3,"volume":${
        formatTicks(volume, 8)
      },"vwap":${c},"interval_begin":"${
        new Date(begin).toISOString().replace("Z", "000000Z")
      }","interval":${interval}}]}`,
    );
    return this;
  }

  /** A frame carrying nothing to replay (Kraken's heartbeat). */
  heartbeat(): this {
    this.#ws('{"channel":"heartbeat"}');
    return this;
  }

  async write(path: string): Promise<void> {
    await Deno.writeTextFile(path, this.lines.join("\n") + "\n");
  }

  #bookFrame(type: "snapshot" | "update", bids: Level[], asks: Level[], checksum: number): string {
    const ts = type === "update" ? `,"timestamp":"${this.#ts()}"` : "";
    return `{"channel":"book","type":"${type}","data":[{"symbol":"BTC/USD","bids":${
      levelsJson(bids, 1, 8)
    },"asks":${levelsJson(asks, 1, 8)},"checksum":${checksum}${ts}}]}`;
  }

  #ts(): string {
    return new Date(this.t).toISOString().replace("Z", "000Z");
  }

  #ws(data: string): void {
    this.#line("ws", WS, data);
  }

  #line(src: "ws" | "rest", url: string, data: string): void {
    this.lines.push(recordLine("kraken", { t: this.t, src, url, data }));
  }
}
