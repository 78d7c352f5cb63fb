import { formatDecimal } from "../../../lib/core/decimal.ts";
import { formatTicksShort } from "../../../lib/core/ticks.ts";
import { systemTimers, type TimerHandle, type Timers } from "../../../lib/net/timers.ts";
import { type AccountChange, FakeAccount, type FakeOrder, PP, QP } from "./account.ts";
import { type BookDiff, FakeBook, type Level, prng } from "./book_gen.ts";
import { type FakeKey, FakePrivateRest, jsonObject } from "./private_rest.ts";
import { ConnectionCount } from "../common/connection_count.ts";
import { Stalls } from "../common/stalls.ts";
import { takeFault } from "../common/take_fault.ts";
import { hmacBase64 } from "./sign_check.ts";
import { closeSockets, dropSockets } from "../common/close_sockets.ts";
import { serveFake } from "../common/serve_fake.ts";
import { errorPage, json } from "../common/faulted_answer.ts";

/**
 * A fake Poloniex spot v3 on 127.0.0.1 (a random port), speaking the documented protocol (protocols.md §3,
 * §5.2) with payloads in the documented and recorded shapes (vectors/poloniex-recorded.json):
 * - public REST: /markets (the documentation's example), /timestamp, ticker24h, orderBook (flat arrays),
 *   candles (documented row order), trades;
 * - the public WebSocket at /ws/public: subscribe/unsubscribe acks and errors, ping/pong, `book_lv2`
 *   snapshots and updates of a generated book with the lastId/id chain (ids jump by 1 to 5), `ticker`,
 *   `trades`, `candles_*`;
 * - private REST (FakePrivateRest: signatures checked by its own code) and the private WebSocket at
 *   /ws/private (auth, `orders`, `balances`) over one FakeAccount.
 * Like Poloniex, it ends a WebSocket session after `idleCloseMs` (30 s) without a message from the client,
 * whatever it sends itself, measured on the injected clock. Fault knobs: drop sockets, silence them, lose one
 * book update (a skipped id), send garbage, answer REST with 5xx or 429, stall, carry out an order and drop
 * the answer.
 */

interface Recorded {
  readonly kind: "rest" | "ws";
  readonly endpoint?: string;
  readonly name?: string;
  readonly response?: unknown;
  readonly frame?: string;
}

const recorded = (JSON.parse(
  await Deno.readTextFile(new URL("./vectors/poloniex-recorded.json", import.meta.url)),
) as { cases: Recorded[] }).cases;

/** A documented or recorded REST answer (vectors/poloniex-recorded.json), by endpoint. */
export function documentedRest(endpoint: string): unknown {
  const c = recorded.find((c) => c.kind === "rest" && c.endpoint === endpoint);
  if (!c) throw new Error(`No recorded payload for ${endpoint}`);
  return structuredClone(c.response);
}

/** A recorded WebSocket frame, verbatim, by name. */
export function recordedFrame(name: string): string {
  const c = recorded.find((c) => c.kind === "ws" && c.name === name);
  if (!c?.frame) throw new Error(`No recorded frame ${name}`);
  return c.frame;
}

/** The key pair the fake accepts by default (an arbitrary name and secret: Poloniex publishes no pair). */
export const FAKE_KEY: FakeKey = {
  key: "PYTRADER-FAKE-POLONIEX-KEY-0001",
  secret: "0f6c8d1e2b3a49585f6e7d8c9bab0c1d2e3f40516273849a5b6c7d8e9f0a1b2c",
};

export const SYMBOL = "BTC_USDT";
/** The first id of the book chain, as in the recorded snapshot (lastId 164148724, id 164148725). */
const FIRST_BOOK_ID = 164148724;

export interface RestFault {
  readonly status?: number;
  /** Text answered instead of the JSON. */
  readonly body?: string;
  readonly stall?: boolean;
  /** Only requests whose path starts with this. */
  readonly path?: string;
  times?: number;
}

export interface FakeOptions {
  readonly seed?: number;
  /** Levels a side of the generated book (more than the 20 streamed). */
  readonly levels?: number;
  readonly keys?: readonly FakeKey[];
  /** The fake's clock and timers: the idle rule and every time it writes (default: the system's). */
  readonly timers?: Timers;
  /** Client silence after which a session is closed; default 30 s as Poloniex; 0 never. */
  readonly idleCloseMs?: number;
  /** Starting balances; default USDT 100000, BTC 10. */
  readonly balances?: Readonly<Record<string, string>>;
}

class Connection {
  readonly subs = new Set<string>();
  silent = false;
  authed = false;
  lastClientAt: number;
  idleTimer: TimerHandle | null = null;
  closed: Promise<void>;
  #done!: () => void;

  constructor(readonly socket: WebSocket, readonly isPrivate: boolean, now: number) {
    this.lastClientAt = now;
    this.closed = new Promise((r) => (this.#done = r));
    socket.addEventListener("close", () => this.#done());
  }

  send(text: string): void {
    if (!this.silent && this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }
}

export class FakePoloniex {
  readonly book: FakeBook;
  readonly account: FakeAccount;
  readonly privateRest: FakePrivateRest;
  /** Client frames as received, with the fake's time, across connections (private auth frames too). */
  readonly received: { text: string; at: number; private: boolean }[] = [];
  /** Public REST requests, path and query. */
  readonly restRequests: string[] = [];
  restFaults: RestFault[] = [];
  /** How far the fake's clock runs ahead of its timers' (the /timestamp answer). */
  clockOffsetMs = 0;
  /** Book updates sent (each counted once, however many subscribers got it). */
  updatesSent = 0;
  /** Sessions the fake closed for client silence. */
  idleCloses = 0;
  /** The longest client silence any session had when the client next spoke (or when it was closed). */
  maxClientSilenceMs = 0;
  #timers: Timers;
  #idleMs: number;
  #server: Deno.HttpServer<Deno.NetAddr>;
  #conns = new Set<Connection>();
  #stalls = new Stalls();
  #keys: readonly FakeKey[];
  #bookId = FIRST_BOOK_ID;
  #idRand: () => number;
  #skip = 0;
  #tradeId = 62486976;
  #balanceEventId = 60018450912695040n;
  #connections = new ConnectionCount();

  private constructor(opts: FakeOptions) {
    this.#timers = opts.timers ?? systemTimers;
    this.#idleMs = opts.idleCloseMs ?? 30_000;
    this.#keys = opts.keys ?? [FAKE_KEY];
    this.book = new FakeBook(opts.levels ?? 60, opts.seed ?? 1);
    this.#idRand = prng((opts.seed ?? 1) + 7);
    this.account = new FakeAccount(
      opts.balances ?? { USDT: "100000", BTC: "10" },
      () => this.book.best(),
      () => this.now(),
    );
    this.privateRest = new FakePrivateRest(
      this.account,
      this.#keys,
      () => this.now(),
      () => this.#stalls.hold(),
    );
    this.account.onChange((c) => this.#publish(c));
    this.#server = serveFake("Poloniex", (req) => this.#handle(req));
  }

  static start(opts: FakeOptions = {}): FakePoloniex {
    return new FakePoloniex(opts);
  }

  get port(): number {
    return this.#server.addr.port;
  }
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws/public`;
  }
  get wsAuthUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws/private`;
  }
  get openConnections(): number {
    return this.#conns.size;
  }
  /** The id of the book's last message: what the next update names as its lastId. */
  get bookId(): number {
    return this.#bookId;
  }

  now(): number {
    return this.#timers.now();
  }

  /** Public connections subscribed to the book now. */
  bookSubscribers(): number {
    let n = 0;
    for (const c of this.#conns) if (!c.isPrivate && c.subs.has(`book_lv2|${SYMBOL}`)) n++;
    return n;
  }

  /** WebSocket connections opened since start. */
  get connectionsOpened(): number {
    return this.#connections.count;
  }

  /** Resolves when at least `n` connections have been opened since start. */
  waitForConnections(n: number): Promise<void> {
    return this.#connections.reached(n);
  }

  /** Changes the book until `n` update messages went out (to every book subscriber). */
  sendBookUpdates(n: number): void {
    let sent = 0;
    while (sent < n) {
      const d = this.book.step();
      if (!d) continue;
      const lastId = this.#bookId;
      this.#bookId += 1 + Math.floor(this.#idRand() * 5);
      sent++;
      this.updatesSent++;
      if (this.#skip > 0) {
        // Lost on the way: the next update names this one's id, which no subscriber has seen.
        this.#skip--;
        continue;
      }
      const frame = bookFrame("update", d, lastId, this.#bookId, this.now());
      for (const c of this.#conns) if (c.subs.has(`book_lv2|${SYMBOL}`)) c.send(frame);
    }
  }

  /** The next book update is never sent: the one after it names an id no subscriber has seen. */
  skipNextId(): void {
    this.#skip++;
  }

  /** A ticker in the recorded shape to every ticker subscriber (the socket's ticker has no bid or ask). */
  sendTicker(): void {
    this.#toSubscribers(`ticker|${SYMBOL}`, this.#tickerFrame());
  }

  /** A trade in the recorded `trades` shape (generated values). */
  sendTrade(side: "buy" | "sell", price: number, qty: number): void {
    const t = this.now();
    const amount = formatDecimal({ units: BigInt(price) * BigInt(qty), scale: PP + QP });
    this.#toSubscribers(
      `trades|${SYMBOL}`,
      `{"channel":"trades","data":[{"symbol":"${SYMBOL}","amount":"${amount}","quantity":"${
        formatTicksShort(qty, QP)
      }","takerSide":"${side}","createTime":${t},"price":"${formatTicksShort(price, PP)}","id":"${++this
        .#tradeId}","ts":${t + 5}}]}`,
    );
  }

  /** A candle in the recorded `candles_*` shape (generated values). */
  sendCandle(channel: string, startTime: number, ohlc: [number, number, number, number], qty: number): void {
    const minutes = INTERVAL_MINUTES[channel.replace("candles_", "").toUpperCase()] ?? 1;
    const [o, h, l, c] = ohlc.map((x) => formatTicksShort(x, PP));
    this.#toSubscribers(
      `${channel}|${SYMBOL}`,
      `{"channel":"${channel}","data":[{"symbol":"${SYMBOL}","amount":"0","high":"${h}","quantity":"${
        formatTicksShort(qty, QP)
      }","tradeCount":1,"low":"${l}","closeTime":${
        startTime + minutes * 60_000 - 1
      },"startTime":${startTime},"close":"${c}","open":"${o}","ts":${this.now()}}]}`,
    );
  }

  /** Sends raw text to every open connection (garbage, frames of tests). */
  sendRaw(text: string, which: "public" | "private" | "all" = "public"): void {
    for (const c of this.#conns) {
      if (which === "all" || (which === "private") === c.isPrivate) c.send(text);
    }
  }

  /** Closes every client socket from the server side. */
  dropConnections(which: "public" | "private" | "all" = "all"): void {
    dropSockets([...this.#conns].filter((c) => which === "all" || (which === "private") === c.isPrivate));
  }

  /** Open connections stop sending anything (data, acks, pongs); new connections are normal. */
  silence(): void {
    for (const c of this.#conns) c.silent = true;
  }

  /** Answers every stalled REST request. */
  release(): void {
    this.#stalls.release();
  }

  async close(): Promise<void> {
    this.release();
    for (const c of this.#conns) {
      if (c.idleTimer !== null) this.#timers.clearTimeout(c.idleTimer);
      c.idleTimer = null;
    }
    await closeSockets(this.#conns);
    await this.#server.shutdown();
  }

  // ---- REST

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname === "/ws/public") return this.#upgrade(req, false);
    if (url.pathname === "/ws/private") return this.#upgrade(req, true);
    if (req.method !== "GET" || url.pathname === "/accounts/balances" || url.pathname.startsWith("/orders")) {
      return this.privateRest.handle(req, url);
    }
    this.restRequests.push(url.pathname + url.search);
    const fault = takeFault(this.restFaults, (f) => f.path === undefined || url.pathname.startsWith(f.path));
    if (fault) {
      if (fault.stall) await this.#stalls.hold();
      if (fault.status) return errorPage(fault.status);
      if (fault.body !== undefined) return new Response(fault.body);
    }
    return this.#public(url);
  }

  #public(url: URL): Response {
    const path = url.pathname;
    if (path === "/markets") {
      return json([
        ...documentedRest("GET /markets") as unknown[],
        ...documentedRest("GET /markets (another market)") as unknown[],
      ]);
    }
    if (path === "/timestamp") return json({ serverTime: this.now() + this.clockOffsetMs });
    const m = /^\/markets\/([^/]+)(?:\/(ticker24h|orderBook|candles|trades|price))?$/.exec(path);
    if (!m) return json({ code: 404, message: "Not found" }, 404);
    // ccxt's exception map: 24101 "Invalid symbol" (market data).
    if (m[1] !== SYMBOL) return json({ code: 24101, message: "Invalid symbol" }, 400);
    switch (m[2]) {
      case undefined:
        return json(documentedRest("GET /markets"));
      case "ticker24h":
        return json(this.#ticker24h());
      case "orderBook": {
        const limit = Number(url.searchParams.get("limit") ?? 10);
        // ccxt's exception map: 24106 "Invalid market depth".
        if (![5, 10, 20, 50, 100, 150].includes(limit)) {
          return json({ code: 24106, message: "Invalid market depth" }, 400);
        }
        const top = this.book.top(limit);
        const t = this.now();
        return json({ time: t, scale: "-1", asks: flat(top.asks), bids: flat(top.bids), ts: t + 6 });
      }
      case "candles":
        return json(this.#candles(url));
      case "trades":
        return json(this.#trades(Math.min(1000, Number(url.searchParams.get("limit") ?? 500))));
      default: {
        const price = documentedRest("GET /markets/BTC_USDT/price") as Record<string, unknown>;
        return json({ ...price, price: formatTicksShort(this.book.best().bid, PP), ts: this.now() });
      }
    }
  }

  /** The recorded ticker24h shape with this book's best prices. */
  #ticker24h(): unknown {
    const t = documentedRest("GET /markets/BTC_USDT/ticker24h") as Record<string, unknown>;
    const { bid, ask } = this.book.best();
    const top = this.book.top(1);
    return {
      ...t,
      close: formatTicksShort(bid, PP),
      bid: formatTicksShort(bid, PP),
      bidQuantity: formatTicksShort(top.bids[0]!.qty, QP),
      ask: formatTicksShort(ask, PP),
      askQuantity: formatTicksShort(top.asks[0]!.qty, QP),
      ts: String(this.now()),
    };
  }

  /** Generated candles in the documented row order (low, high, open, close, ..., startTime at 12), oldest first. */
  #candles(url: URL): unknown[] {
    const interval = url.searchParams.get("interval") ?? "";
    const m = INTERVAL_MINUTES[interval];
    // ccxt's exception map: 24102 "Invalid K-line type".
    if (m === undefined) return [{ code: 24102, message: "Invalid K-line type" }];
    const limit = Math.min(500, Number(url.searchParams.get("limit") ?? 100));
    const since = Number(url.searchParams.get("startTime") ?? 0);
    const step = m * 60_000;
    const last = Math.floor(this.now() / step) * step;
    const rand = prng(last / step);
    const rows: unknown[] = [];
    let price = this.book.best().bid;
    for (let i = limit - 1; i >= 0; i--) {
      const start = last - i * step;
      if (start < since) continue;
      const open = price;
      const close = open + Math.round((rand() - 0.5) * 400);
      const high = Math.max(open, close) + Math.floor(rand() * 100);
      const low = Math.min(open, close) - Math.floor(rand() * 100);
      const qty = 1 + Math.floor(rand() * 5_000_000);
      const p = (x: number) => formatTicksShort(x, PP);
      const amount = formatDecimal({ units: BigInt(qty) * BigInt(close), scale: PP + QP });
      rows.push([
        p(low),
        p(high),
        p(open),
        p(close),
        amount,
        formatTicksShort(qty, QP),
        "0",
        "0",
        1 + Math.floor(rand() * 50),
        this.now(),
        p(close),
        interval,
        start,
        start + step - 1,
      ]);
      price = close;
    }
    return rows;
  }

  /** Generated trades in the recorded shape, newest first. */
  #trades(limit: number): unknown[] {
    const out: unknown[] = [];
    const rand = prng(11);
    let t = this.now() - limit * 1000;
    for (let i = 0; i < limit; i++) {
      t += 1000;
      const price = this.book.best().bid - Math.floor(rand() * 50);
      const qty = 1 + Math.floor(rand() * 100_000);
      out.push({
        id: String(60014521 + i),
        price: formatTicksShort(price, PP),
        quantity: formatTicksShort(qty, QP),
        amount: formatDecimal({ units: BigInt(price) * BigInt(qty), scale: PP + QP }),
        takerSide: rand() < 0.5 ? "SELL" : "BUY",
        ts: t + 6,
        createTime: t,
      });
    }
    return out.reverse();
  }

  // ---- WebSocket

  #upgrade(req: Request, isPrivate: boolean): Response {
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conn = new Connection(socket, isPrivate, this.now());
    this.#conns.add(conn);
    socket.addEventListener("open", () => {
      this.#connections.opened();
      conn.lastClientAt = this.now();
      this.#armIdle(conn);
    });
    socket.addEventListener("close", () => {
      if (conn.idleTimer !== null) this.#timers.clearTimeout(conn.idleTimer);
      conn.idleTimer = null;
      this.#conns.delete(conn);
    });
    socket.addEventListener("message", (ev) => {
      const text = String(ev.data);
      const now = this.now();
      this.maxClientSilenceMs = Math.max(this.maxClientSilenceMs, now - conn.lastClientAt);
      conn.lastClientAt = now;
      this.received.push({ text, at: now, private: isPrivate });
      if (isPrivate) this.#onPrivateFrame(conn, text);
      else this.#onPublicFrame(conn, text);
    });
    return response;
  }

  /** Closes the session once the client has said nothing for idleCloseMs (checked lazily, on the clock). */
  #armIdle(conn: Connection): void {
    if (!(this.#idleMs > 0)) return;
    const due = conn.lastClientAt + this.#idleMs - this.now();
    conn.idleTimer = this.#timers.setTimeout(() => {
      conn.idleTimer = null;
      if (conn.socket.readyState !== WebSocket.OPEN) return;
      if (this.now() - conn.lastClientAt >= this.#idleMs) {
        this.idleCloses++;
        this.maxClientSilenceMs = Math.max(this.maxClientSilenceMs, this.now() - conn.lastClientAt);
        // Poloniex closes without a close frame (1006); a server socket can only send a code of its own.
        conn.socket.close(4001, "no message from the client for 30 s");
        return;
      }
      this.#armIdle(conn);
    }, Math.max(1, due));
  }

  #onPublicFrame(conn: Connection, text: string): void {
    const msg = jsonObject(text);
    if (text === "ping" || msg?.event === "ping") return conn.send('{"event":"pong"}');
    if (!msg || (msg.event !== "subscribe" && msg.event !== "unsubscribe")) {
      return conn.send(`{"event":"error","message":"Invalid request"}`);
    }
    const channels = Array.isArray(msg.channel) ? msg.channel.map(String) : [String(msg.channel)];
    const symbols = (Array.isArray(msg.symbols) ? msg.symbols.map(String) : []).map((s) => s.toUpperCase());
    for (const channel of channels) {
      if (!PUBLIC_CHANNELS.has(channel) && !channel.startsWith("candles_")) {
        conn.send(`{"message":"Invalid channel value [\\"${channel}\\"]","event":"error"}`);
        continue;
      }
      const wanted = symbols.map((s) => (s === "ALL" && channel !== "book_lv2" ? SYMBOL : s));
      if (wanted.some((s) => s !== SYMBOL)) {
        conn.send(
          `{"message":"Invalid symbols value ${
            JSON.stringify(symbols).replace(/"/g, '\\"')
          }","event":"error"}`,
        );
        continue;
      }
      const key = `${channel}|${SYMBOL}`;
      if (msg.event === "unsubscribe") {
        conn.subs.delete(key);
        conn.send(`{"event":"unsubscribe","channel":"${channel}","symbols":["${SYMBOL}"]}`);
        continue;
      }
      conn.subs.add(key);
      conn.send(`{"event":"subscribe","channel":"${channel}","symbols":["${SYMBOL}"]}`);
      if (channel === "book_lv2") {
        const top = this.book.top(20);
        conn.send(bookFrame("snapshot", top, this.#bookId - 1, this.#bookId, this.now()));
      } else if (channel === "ticker") {
        conn.send(this.#tickerFrame());
      }
    }
  }

  /** The recorded ticker shape with generated values (the socket's ticker has no bid or ask). */
  #tickerFrame(): string {
    const t = this.now();
    const last = formatTicksShort(this.book.best().bid, PP);
    return `{"channel":"ticker","data":[{"symbol":"${SYMBOL}","startTime":${
      t - 86_400_000
    },"open":"${last}","high":"${last}","low":"${last}","close":"${last}","quantity":"105.179566","amount":"2423161.17436702","tradeCount":17582,"dailyChange":"0","markPrice":"${last}","closeTime":${t},"ts":${
      t + 5
    }}]}`;
  }

  async #onPrivateFrame(conn: Connection, text: string): Promise<void> {
    const msg = jsonObject(text);
    if (text === "ping" || msg?.event === "ping") return conn.send('{"event":"pong"}');
    if (msg?.event !== "subscribe") return conn.send(`{"event":"error","message":"Invalid request"}`);
    const channels = Array.isArray(msg.channel) ? msg.channel.map(String) : [];
    if (channels[0] === "auth") {
      const p = (msg.params ?? {}) as Record<string, unknown>;
      const key = this.#keys.find((k) => k.key === p.key);
      const ts = String(p.signTimestamp ?? "");
      const ok = key !== undefined && /^\d{13}$/.test(ts) &&
        p.signature === await hmacBase64(key.secret, `GET\n/ws\nsignTimestamp=${ts}`);
      conn.authed = ok;
      const frame = ok ? recordedFrame("auth success") : recordedFrame("auth failure");
      return conn.send(frame.replace(/"ts":\d+/, `"ts":${this.now()}`));
    }
    for (const channel of channels) {
      if (channel !== "orders" && channel !== "balances") {
        conn.send(`{"message":"Invalid channel value [\\"${channel}\\"]","event":"error"}`);
        continue;
      }
      if (!conn.authed) {
        conn.send(`{"event":"error","message":"Not authenticated"}`);
        continue;
      }
      conn.subs.add(channel);
      conn.send(
        channel === "orders"
          ? `{"event":"subscribe","channel":"orders","symbols":["all"]}`
          : `{"event":"subscribe","channel":"balances"}`,
      );
    }
  }

  /** Account changes to the private subscribers, in the recorded `orders` and `balances` shapes. */
  #publish(c: AccountChange): void {
    const subs = [...this.#conns].filter((x) => x.isPrivate && x.authed);
    if (subs.length === 0) return;
    let frame: string;
    if (c.kind === "balances") {
      const t = this.now();
      const items = c.currencies.map((cur) =>
        `{"changeTime":${t},"accountId":"292264758130978818","accountType":"SPOT","eventType":"place_order","available":"${
          formatDecimal(this.account.available.get(cur)!)
        }","currency":"${cur}","id":${++this.#balanceEventId},"userId":1234567,"hold":"${
          formatDecimal(this.account.hold.get(cur)!)
        }","ts":${t + 5}}`
      );
      frame = `{"channel":"balances","data":[${items.join(",")}]}`;
      for (const s of subs) if (s.subs.has("balances")) s.send(frame);
      return;
    }
    frame = `{"channel":"orders","data":[${orderEvent(c, this.now())}]}`;
    for (const s of subs) if (s.subs.has("orders")) s.send(frame);
  }

  #toSubscribers(key: string, frame: string): void {
    for (const c of this.#conns) if (!c.isPrivate && c.subs.has(key)) c.send(frame);
  }
}

/** Candle intervals by REST name (protocols.md §3.2); a socket channel is `candles_` + the name in lower case. */
const INTERVAL_MINUTES: Readonly<Record<string, number>> = {
  MINUTE_1: 1,
  MINUTE_5: 5,
  MINUTE_10: 10,
  MINUTE_15: 15,
  MINUTE_30: 30,
  HOUR_1: 60,
  HOUR_2: 120,
  HOUR_4: 240,
  HOUR_6: 360,
  HOUR_12: 720,
  DAY_1: 1440,
  DAY_3: 4320,
  WEEK_1: 10080,
};

const PUBLIC_CHANNELS = new Set(["book_lv2", "book", "trades", "ticker", "symbols", "currencies"]);

/** A `book_lv2` frame in the recorded layout (protocols.md §5.2.7), generated levels. */
export function bookFrame(
  action: "snapshot" | "update",
  d: BookDiff | { bids: Level[]; asks: Level[] },
  lastId: number,
  id: number,
  now: number,
): string {
  return `{"channel":"book_lv2","data":[{"symbol":"${SYMBOL}","createTime":${now},"asks":${
    levels(d.asks)
  },"bids":${levels(d.bids)},"lastId":${lastId},"id":${id},"ts":${now + 8}}],"action":"${action}"}`;
}

function levels(list: readonly Level[]): string {
  return "[" +
    list.map((l) => `["${formatTicksShort(l.price, PP)}","${formatTicksShort(l.qty, QP)}"]`).join(",") +
    "]";
}

function flat(list: readonly Level[]): string[] {
  return list.flatMap((l) => [formatTicksShort(l.price, PP), formatTicksShort(l.qty, QP)]);
}

/** An `orders` event in the recorded shape (vectors "orders place", "orders trade"). */
function orderEvent(c: Exclude<AccountChange, { kind: "balances" }>, now: number): string {
  const o: FakeOrder = c.order;
  const trade = c.kind === "trade" ? c.trade : null;
  const fields = {
    symbol: SYMBOL,
    type: o.type,
    quantity: o.type === "MARKET" && o.side === "BUY" ? "0" : formatTicksShort(o.qty, QP),
    orderId: o.id,
    tradeFee: trade ? formatDecimal(trade.fee) : "0",
    clientOrderId: o.clientOrderId,
    accountType: "SPOT",
    feeCurrency: trade ? trade.feeCurrency : "",
    eventType: c.kind,
    source: "API",
    side: o.side,
    filledQuantity: formatTicksShort(o.filled, QP),
    filledAmount: formatDecimal(o.filledAmount),
    matchRole: trade && !trade.maker ? "TAKER" : "MAKER",
    state: o.state,
    tradeTime: trade ? trade.time : 0,
    tradeAmount: trade
      ? formatDecimal({ units: BigInt(trade.qty) * BigInt(trade.price), scale: PP + QP })
      : "0",
    orderAmount: formatDecimal(o.amount),
    createTime: o.createTime,
    price: o.price === null ? "0" : formatTicksShort(o.price, PP),
    tradeQty: trade ? formatTicksShort(trade.qty, QP) : "0",
    tradePrice: trade ? formatTicksShort(trade.price, PP) : "0",
    tradeId: trade ? trade.id : "0",
    ts: now + 5,
  };
  return JSON.stringify(fields);
}
