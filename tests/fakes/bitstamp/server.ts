import { formatDecimal } from "../../../lib/core/decimal.ts";
import { formatTicks } from "../../../lib/core/mod.ts";
import { FakeBook } from "../kraken/book_gen.ts";
import type { Level } from "../common/book_side.ts";
import { prng } from "../common/prng.ts";
import { TcpFront } from "../common/tcp_front.ts";
import { type AccountChange, FakeAccount, PP, QP } from "./account.ts";
import {
  ETHBTC_TRANSACTIONS,
  HEARTBEAT_REPLY,
  MARKETS,
  REQUEST_RECONNECT,
  TICKER,
  UNAUTHORIZED,
  wsError,
} from "./payloads.ts";
import { type FakeKey, FakePrivateRest } from "./private_rest.ts";
import { ConnectionCount } from "../common/connection_count.ts";
import { Stalls } from "../common/stalls.ts";
import { takeFault } from "../common/take_fault.ts";
import { closeSockets, dropSockets } from "../common/close_sockets.ts";
import { serveFake } from "../common/serve_fake.ts";

/**
 * A fake Bitstamp on 127.0.0.1 (a random port), speaking HTTP API v2 and WebSocket v2 as protocols.md §2
 * and §5.1 describe them. Public REST: markets/, ticker/, order_book/ (with microtimestamp), transactions/,
 * ohlc/. WebSocket at /: bts:subscribe / bts:unsubscribe acks, bts:heartbeat replies, `order_book_btcusd`
 * (the top 100 whenever it changed), `diff_order_book_btcusd` (every changed level, full depth) with one
 * microtimestamp per change, `live_trades_btcusd`, and the account channels `private-my_orders_btcusd-<uid>`
 * / `private-my_trades_btcusd-<uid>` behind a websockets_token/ token. Limits as documented: frames of
 * 512 bytes or more close the socket (1009), a 1,025th channel closes it silently, an unknown pair is acked
 * and stays silent. The private REST (FakePrivateRest) checks signatures with its own code.
 *
 * Fault knobs: drop sockets, go silent, stall or fail REST (5xx, 429), garbage frames, drop-after-accept for
 * orders, bts:request_reconnect, a crossed top frame, a crossing diff, a stale REST snapshot, a dropped diff.
 */

/** The key pair the fake accepts by default: arbitrary names (Bitstamp publishes no key of its own). */
export const FAKE_KEY: FakeKey = {
  key: "pytraderfakebitstampkey0000000001",
  secret: "pytraderfakebitstampsecret000000001",
};

/** Levels the fake's diff subscribers follow: the whole book. */
const FULL = 1_000_000_000;

export interface RestFault {
  /** Only requests whose path contains this ("order_book", "ticker"); any when left out. */
  readonly path?: string;
  /** HTTP status to answer with (e.g. 503, 429). */
  readonly status?: number;
  /** Hold the answer until release() (or close). */
  readonly stall?: boolean;
  /** How many requests it applies to (default 1). */
  times?: number;
}

interface Conn {
  readonly socket: WebSocket;
  readonly subs: Set<string>;
  /** Frames received on this connection. */
  readonly received: string[];
  silent: boolean;
  readonly closed: Promise<void>;
}

interface Snapshot {
  readonly micros: number;
  readonly bids: Level[];
  readonly asks: Level[];
}

export class FakeBitstamp {
  readonly book: FakeBook;
  readonly pricePrecision = PP;
  readonly qtyPrecision = QP;
  readonly account: FakeAccount;
  readonly privateRest: FakePrivateRest;
  /** Client WebSocket frames as received, in order, across connections (they hold tokens: tests only). */
  readonly received: string[] = [];
  /** Public REST paths with query, in order. */
  readonly restRequests: string[] = [];
  restFaults: RestFault[] = [];
  /** How far the fake's clock runs ahead of this machine's (the Date header, X-Auth-Timestamp checks). */
  clockOffsetMs = 0;
  /** WebSocket frames sent, every kind, across connections. */
  framesSent = 0;
  /** Book changes made (steps). */
  steps = 0;
  /** Microtimestamp of the book's current state. */
  micros = 0;
  #server: Deno.HttpServer<Deno.NetAddr>;
  /** REST goes through it, so a fault can cut a client's TCP connection before a byte of the answer. */
  #front: TcpFront;
  #conns = new Set<Conn>();
  #stalls = new Stalls();
  #dropDiffs = 0;
  #crossTops = 0;
  #crossDiffs = 0;
  #stale: Snapshot | null = null;
  #trades: { tid: number; micros: number; price: number; qty: number; side: 0 | 1 }[] = [];
  #tid = 542327128;
  #rand: () => number;
  #beats: ReturnType<typeof setInterval> | null = null;
  #connections = new ConnectionCount();
  #history: { depth: number; states: Map<string, number> } | null = null;

  private constructor(seed: number, levels: number, keys: readonly FakeKey[]) {
    this.book = new FakeBook(PP, QP, levels, seed, 300_000, 3);
    this.#rand = prng(seed + 7);
    this.micros = this.#nowMicros();
    this.account = new FakeAccount(() => {
      const { bids, asks } = this.book.top(1);
      return { bid: bids[0]!.price, ask: asks[0]!.price };
    }, () => this.now());
    this.account.onChange((c) => this.#onAccount(c));
    this.privateRest = new FakePrivateRest(
      this.account,
      keys,
      () => this.#stalls.hold(),
      () => this.now(),
    );
    for (let i = 0; i < 40; i++) this.#print(this.#rand() < 0.5 ? 0 : 1, i * 1_500_000);
    this.#server = serveFake("Bitstamp", (req, info) => {
      const port = info.remoteAddr.port;
      return this.#handle(req, () => this.#front.kill(port));
    });
    this.#front = new TcpFront(this.#server.addr.port);
  }

  /**
   * `levels`: initial depth of the book per side; `keys`: API key pairs accepted (FAKE_KEY by default);
   * `heartbeatMs`: for runs on the real clock, nothing is needed (the client sends heartbeats).
   */
  static start(opts: { seed?: number; levels?: number; keys?: readonly FakeKey[] } = {}): FakeBitstamp {
    return new FakeBitstamp(opts.seed ?? 1, opts.levels ?? 250, opts.keys ?? [FAKE_KEY]);
  }

  get port(): number {
    return this.#server.addr.port;
  }
  /** REST, behind the TcpFront (the `destroy` fault); market data goes to the HTTP server directly. */
  get restUrl(): string {
    return `http://127.0.0.1:${this.#front.port}`;
  }

  /** Client connections destroyed by a fault. */
  get killed(): number {
    return this.#front.killed;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/`;
  }
  get openConnections(): number {
    return this.#conns.size;
  }

  /** The fake's clock (ms), this machine's plus clockOffsetMs. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Channels subscribed over open connections. */
  subscribed(): string[] {
    const all = new Set<string>();
    for (const c of this.#conns) for (const s of c.subs) all.add(s);
    return [...all];
  }

  /** WebSocket connections opened since start. */
  get connectionsOpened(): number {
    return this.#connections.count;
  }

  /** Resolves when at least `n` connections have been opened since start. */
  waitForConnections(n: number): Promise<void> {
    return this.#connections.reached(n);
  }

  /** The book now, best first, at most `depth` levels a side. */
  top(depth: number): { bids: Level[]; asks: Level[] } {
    return this.book.top(depth);
  }

  /**
   * Changes the book until `n` changes reached book subscribers (a diff, or a top frame for top-only
   * subscribers). Each change has one microtimestamp, on both channels.
   */
  moveBook(n: number): void {
    let sent = 0;
    while (sent < n) {
      const any = [...this.#conns].some((c) => [...c.subs].some((s) => s.endsWith("order_book_btcusd")));
      if (!any) throw new Error("No book subscriber");
      if (this.#step()) sent++;
    }
  }

  /**
   * From now on remembers every state of the book (its top `depth` levels as JSON) with the step it was
   * last in, so a test can check that a client showed no book the venue never had, nor an old one.
   */
  trackHistory(depth: number): void {
    this.#history = { depth, states: new Map([[this.#stateKey(depth), this.steps]]) };
  }

  /** The last step at which the book was in this state (top levels as JSON) since trackHistory(); -1: never. */
  stateStep(key: string): number {
    return this.#history?.states.get(key) ?? -1;
  }

  #stateKey(depth: number): string {
    const { bids, asks } = this.book.top(depth);
    return JSON.stringify([bids, asks]);
  }

  /** Changes the book `n` times whoever listens (a client away misses them). */
  stepBook(n: number): void {
    for (let i = 0; i < n; i++) this.#step();
  }

  /** The next diff is not sent (to anyone): the fault Bitstamp's diff stream gives no sign of. */
  dropNextDiff(): void {
    this.#dropDiffs++;
  }

  /** The next top frame shows the best bid at the best ask (the docs' "may occasionally show" case). */
  crossNextTop(): void {
    this.#crossTops++;
  }

  /** The next diff carries a bid at the best ask the book never had: the book it leaves is crossed. */
  crossNextDiff(): void {
    this.#crossDiffs++;
  }

  /**
   * The next REST order_book/ answer serves the book as it is now, whatever changes in between: a snapshot
   * older than the diffs sent meanwhile.
   */
  staleNextSnapshot(): void {
    const { bids, asks } = this.book.top(FULL);
    this.#stale = { micros: this.micros, bids, asks };
  }

  /** A trade print on `live_trades_btcusd` (documented shape, generated values). */
  sendTrade(side: "buy" | "sell"): void {
    const t = this.#print(side === "buy" ? 0 : 1, 0);
    this.#toChannel("live_trades_btcusd", () => this.#tradeFrame(t));
  }

  /** Sends raw text to every open connection. */
  sendRaw(text: string): void {
    for (const c of this.#conns) this.#send(c, text);
  }

  /** `bts:request_reconnect` to every connection; they stay open until the client goes. */
  requestReconnect(): void {
    this.sendRaw(REQUEST_RECONNECT);
  }

  /** Closes every client socket from the server side. */
  dropConnections(): void {
    dropSockets(this.#conns);
  }

  /** Open connections stop sending anything (data, acks, heartbeat replies); new ones are normal. */
  silence(): void {
    for (const c of this.#conns) c.silent = true;
  }

  /** Answers every stalled REST request. */
  release(): void {
    this.#stalls.release();
  }

  async close(): Promise<void> {
    if (this.#beats !== null) clearInterval(this.#beats);
    this.release();
    await closeSockets(this.#conns);
    await this.#front.close();
    await this.#server.shutdown();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---- the book

  /** One change of the book: true when some book subscriber was sent something. */
  #step(): boolean {
    this.steps++;
    const msgs = this.book.step([100, FULL]);
    this.micros = Math.max(this.micros + 1, this.#nowMicros());
    if (this.#history) this.#history.states.set(this.#stateKey(this.#history.depth), this.steps);
    let diff = msgs.get(FULL);
    const top = msgs.get(100) ? this.book.top(100) : null;
    if (this.#crossDiffs > 0 && diff) {
      // A corrupted diff: a bid at the best ask that the fake's own book (and so its REST snapshot) never had.
      this.#crossDiffs--;
      const ask = this.book.top(1).asks[0]!;
      diff = { ...diff, bids: [...diff.bids, { price: ask.price, qty: 100_000_000 }] };
    }
    let sent = false;
    if (diff) {
      if (this.#dropDiffs > 0) this.#dropDiffs--;
      else {
        const frame = this.#bookFrame("diff_order_book_btcusd", diff.bids, diff.asks);
        if (this.#toChannel("diff_order_book_btcusd", () => frame)) sent = true;
      }
    }
    if (top) {
      let { bids, asks } = top;
      if (this.#crossTops > 0) {
        this.#crossTops--;
        bids = [{ price: asks[0]!.price, qty: bids[0]!.qty }, ...bids.slice(1)];
      }
      const frame = this.#bookFrame("order_book_btcusd", bids, asks);
      if (this.#toChannel("order_book_btcusd", () => frame, true)) sent = true;
    }
    return sent;
  }

  /**
   * A book frame in the probe's recorded layout (protocols.md §5.1.7: `{"data": {timestamp, microtimestamp,
   * bids, asks}, "channel", "event": "data"}`), levels as `[price, amount]` text.
   */
  #bookFrame(channel: string, bids: readonly Level[], asks: readonly Level[]): string {
    const rows = (ls: readonly Level[]) =>
      "[" + ls.map((l) => `["${formatTicks(l.price, PP)}","${formatTicks(l.qty, QP)}"]`).join(",") + "]";
    return `{"data":{"timestamp":"${
      Math.floor(this.micros / 1e6)
    }","microtimestamp":"${this.micros}","bids":${rows(bids)},"asks":${
      rows(asks)
    }},"channel":"${channel}","event":"data"}`;
  }

  /** Sends to the connections subscribed to `channel`; true when any was. */
  #toChannel(channel: string, frame: () => string, onlyTop = false): boolean {
    let any = false;
    for (const c of this.#conns) {
      if (!c.subs.has(channel)) continue;
      // A top frame counts as a book change only for subscribers that follow no diff stream.
      if (onlyTop && c.subs.has(`diff_${channel}`)) {
        this.#send(c, frame());
        continue;
      }
      this.#send(c, frame());
      any = true;
    }
    return any;
  }

  #print(side: 0 | 1, backMicros: number) {
    const { bids, asks } = this.book.top(1);
    const t = {
      tid: ++this.#tid,
      micros: this.micros - backMicros,
      price: side === 0 ? asks[0]!.price : bids[0]!.price,
      qty: 1 + Math.floor(this.#rand() * 50_000_000),
      side,
    };
    this.#trades.push(t);
    if (this.#trades.length > 500) this.#trades.shift();
    return t;
  }

  /** JKorf's recorded `live_trades` frame (Bitstamp.Net.UnitTests/Subscriptions/ExchangeApi/Trades.txt), fake values. */
  #tradeFrame(t: { tid: number; micros: number; price: number; qty: number; side: 0 | 1 }): string {
    const p = formatTicks(t.price, PP);
    const q = formatTicks(t.qty, QP);
    return `{"data":{"id":${t.tid},"timestamp":"${Math.floor(t.micros / 1e6)}","amount":${
      Number(q)
    },"amount_str":"${q}","price":${
      Number(p)
    },"price_str":"${p}","type":${t.side},"microtimestamp":"${t.micros}","buy_order_id":1982008431775746,"sell_order_id":1982008430600193},"channel":"live_trades_btcusd","event":"trade"}`;
  }

  #nowMicros(): number {
    return Date.now() * 1000;
  }

  // ---- REST

  async #handle(req: Request, kill: () => boolean): Promise<Response> {
    const url = new URL(req.url);
    if (req.headers.get("upgrade")?.toLowerCase() === "websocket") return this.#upgrade(req);
    if (req.method === "POST") return this.privateRest.handle(req, url, kill);
    this.restRequests.push(url.pathname + url.search);
    const fault = takeFault(this.restFaults, (f) => f.path === undefined || url.pathname.includes(f.path));
    if (fault) {
      if (fault.stall) await this.#stalls.hold();
      if (fault.status) {
        const headers = fault.status === 429 ? { "retry-after": "1" } : undefined;
        return new Response(`<html>${fault.status}</html>`, { status: fault.status, headers });
      }
    }
    const m = /^\/api\/v2\/([a-z_-]+)\/(?:([a-z0-9-]+)\/)?$/.exec(url.pathname);
    const [endpoint, market] = m ? [m[1]!, m[2]] : ["", undefined];
    if (endpoint === "markets" && market === undefined) return this.#json(MARKETS);
    if (market !== "btcusd" && !(market === "ethbtc" && endpoint === "transactions")) {
      return this.#json({
        status: "error",
        response_code: "404.007",
        response_explanation: "Market not found for corresponding request.",
      }, 404);
    }
    switch (endpoint) {
      case "ticker": {
        const { bids, asks } = this.book.top(1);
        return this.#json({
          ...TICKER,
          timestamp: String(Math.floor(this.now() / 1000)),
          bid: formatTicks(bids[0]!.price, PP),
          ask: formatTicks(asks[0]!.price, PP),
        });
      }
      case "order_book": {
        const snap = this.#stale ?? { micros: this.micros, ...this.book.top(FULL) };
        this.#stale = null;
        const rows = (ls: readonly Level[]) =>
          ls.map((l) => [formatTicks(l.price, PP), formatTicks(l.qty, QP)]);
        // ccxt's recorded order_book/ answer: {timestamp, microtimestamp, bids, asks}.
        return this.#json({
          timestamp: String(Math.floor(snap.micros / 1e6)),
          microtimestamp: String(snap.micros),
          bids: rows(snap.bids),
          asks: rows(snap.asks),
        });
      }
      case "transactions":
        if (market === "ethbtc") return this.#json(ETHBTC_TRANSACTIONS);
        return this.#json(
          [...this.#trades].reverse().map((t) => ({
            date: String(Math.floor(t.micros / 1e6)),
            tid: String(t.tid),
            price: formatTicks(t.price, PP),
            type: String(t.side),
            amount: formatTicks(t.qty, QP),
          })),
        );
      case "ohlc":
        return this.#json(
          this.#ohlc(Number(url.searchParams.get("step")), Number(url.searchParams.get("limit") ?? 100)),
        );
      default:
        return this.#json({
          status: "error",
          response_code: "404.001",
          response_explanation: "Unknown not found error.",
        }, 404);
    }
  }

  /** Candles in ccxt's recorded ohlc/ shape, generated around the book's mid, one per `step` seconds. */
  #ohlc(step: number, limit: number): unknown {
    const rand = prng(step);
    const { bids } = this.book.top(1);
    const now = Math.floor(this.now() / 1000 / step) * step;
    const n = Math.max(1, Math.min(1000, limit));
    const ohlc = [];
    let close = bids[0]!.price;
    for (let i = n - 1; i >= 0; i--) {
      const open = close + Math.floor(rand() * 21) - 10;
      const high = Math.max(open, close) + Math.floor(rand() * 10);
      const low = Math.min(open, close) - Math.floor(rand() * 10);
      ohlc.push({
        high: formatTicks(high, PP),
        timestamp: String(now - i * step),
        volume: formatTicks(Math.floor(rand() * 1e9), QP),
        low: formatTicks(low, PP),
        close: formatTicks(close, PP),
        open: formatTicks(open, PP),
      });
      close = open;
    }
    return { data: { pair: "BTC/USD", ohlc } };
  }

  #json(body: unknown, status = 200): Response {
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", date: new Date(this.now()).toUTCString() },
    });
  }

  // ---- WebSocket

  #upgrade(req: Request): Response {
    const { socket, response } = Deno.upgradeWebSocket(req);
    let done!: () => void;
    const conn: Conn = {
      socket,
      subs: new Set(),
      received: [],
      silent: false,
      closed: new Promise((r) => (done = r)),
    };
    socket.addEventListener("close", () => {
      this.#conns.delete(conn);
      done();
    });
    this.#conns.add(conn);
    socket.addEventListener("open", () => {
      this.#connections.opened();
    });
    socket.addEventListener("message", (ev) => this.#onClientFrame(conn, String(ev.data)));
    return response;
  }

  #onClientFrame(conn: Conn, text: string): void {
    this.received.push(text);
    conn.received.push(text);
    if (new TextEncoder().encode(text).length >= 512) {
      conn.socket.close(1009, "message too big");
      return;
    }
    let msg: { event?: unknown; data?: { channel?: unknown; auth?: unknown } };
    try {
      msg = JSON.parse(text);
    } catch {
      this.#send(conn, wsError("Incorrect JSON format."));
      return;
    }
    if (msg.event === "bts:heartbeat") {
      this.#send(conn, HEARTBEAT_REPLY);
      return;
    }
    const channel = typeof msg.data?.channel === "string" ? msg.data.channel : null;
    if ((msg.event !== "bts:subscribe" && msg.event !== "bts:unsubscribe") || channel === null) {
      this.#send(conn, wsError("Bad subscription string."));
      return;
    }
    if (!/^(private-)?[a-z_]+_[a-z0-9-]+$/.test(channel)) {
      this.#send(conn, wsError("Invalid channel provided."));
      return;
    }
    if (msg.event === "bts:unsubscribe") {
      conn.subs.delete(channel);
      this.#send(conn, `{"event":"bts:unsubscription_succeeded","channel":"${channel}","data":{}}`);
      return;
    }
    if (channel.startsWith("private-")) {
      const expires = typeof msg.data?.auth === "string"
        ? this.privateRest.tokens.get(msg.data.auth)
        : undefined;
      const user = /-(\d+)$/.exec(channel)?.[1];
      if (expires === undefined || expires < this.now() || user !== String(this.privateRest.userId)) {
        this.#send(conn, UNAUTHORIZED);
        return;
      }
    }
    conn.subs.add(channel);
    if (conn.subs.size > 1024) {
      // A 1,025th channel closes the socket, without a word (protocols.md §5.1.1).
      conn.socket.close();
      return;
    }
    // The ack, one per channel (gpfgexchange mirror of /websocket/v2; JKorf's recorded Trades.txt).
    this.#send(conn, `{"event":"bts:subscription_succeeded","channel":"${channel}","data":{}}`);
  }

  #send(c: Conn, text: string): void {
    if (c.silent || c.socket.readyState !== WebSocket.OPEN) return;
    c.socket.send(text);
    this.framesSent++;
  }

  // ---- account channels

  #onAccount(change: AccountChange): void {
    const o = change.order;
    const uid = this.privateRest.userId;
    if (change.kind === "trade") {
      const f = change.fill;
      // Fields as JKorf's BitstampUserTradeUpdate (protocols.md §5.1.6); values the fake's.
      const data = {
        id: f.tid,
        order_id: Number(o.id),
        ...(o.clientId === null ? {} : { client_order_id: o.clientId }),
        amount: formatTicks(f.qty, QP),
        price: formatTicks(f.price, PP),
        fee: formatDecimal(f.fee),
        side: o.side,
        microtimestamp: String(f.time * 1000),
        trade_account_id: 0,
      };
      this.#toChannel(
        `private-my_trades_btcusd-${uid}`,
        () => JSON.stringify({ data, channel: `private-my_trades_btcusd-${uid}`, event: "trade" }),
      );
      const t = {
        tid: f.tid,
        micros: f.time * 1000,
        price: f.price,
        qty: f.qty,
        side: (o.side === "buy" ? 0 : 1) as 0 | 1,
      };
      this.#trades.push(t);
      this.#toChannel("live_trades_btcusd", () => this.#tradeFrame(t));
      return;
    }
    // The recorded live_orders layout (find_string `"amount_at_create"`: id, id_str, order_type, datetime,
    // microtimestamp, amount, amount_str, amount_traded, amount_at_create, price, price_str) plus the
    // account fields client_order_id and trade_account_id (protocols.md §5.1.6).
    const left = formatTicks(o.qty - o.filled, QP);
    const data = {
      id: Number(o.id),
      id_str: o.id,
      ...(o.clientId === null ? {} : { client_order_id: o.clientId }),
      order_type: o.side === "buy" ? 0 : 1,
      order_subtype: 0,
      datetime: String(Math.floor(this.now() / 1000)),
      microtimestamp: String(this.now() * 1000),
      amount: Number(left),
      amount_str: left,
      amount_traded: formatTicks(o.filled, QP),
      amount_at_create: formatTicks(o.qty, QP),
      price: o.price ?? 0,
      price_str: formatTicks(o.price ?? 0, PP),
      trade_account_id: 0,
    };
    const channel = `private-my_orders_btcusd-${uid}`;
    this.#toChannel(channel, () => JSON.stringify({ data, channel, event: change.kind }));
  }
}
