import { formatDecimal, fromTicks, mul, ZERO } from "../../../lib/core/decimal.ts";
import { formatTicks } from "../../../lib/core/ticks.ts";
import type { AccountChange, FakeAccount, FakeOrder } from "./account.ts";
import { Num, wireJson } from "./wire_json.ts";
import { closeSockets, dropSockets } from "../common/close_sockets.ts";

/** REST asset codes of the fake's balances to the WS v2 names. */
const WS_ASSET: Readonly<Record<string, string>> = { ZUSD: "USD", XXBT: "BTC" };
const PP = 1;
const QP = 8;

class FeedConnection {
  executions = false;
  balances = false;
  seq = { executions: 0, balances: 0 };
  closed: Promise<void>;
  #done!: () => void;
  /** `kill` destroys the TCP connection under the socket, with no close frame. */
  constructor(readonly socket: WebSocket, readonly kill: () => boolean) {
    this.closed = new Promise((r) => (this.#done = r));
    socket.addEventListener("close", () => this.#done());
  }
  send(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }
}

/**
 * A fault for the next trading request on the socket, carried out first: then no reply (`hang`), every
 * account socket closed with a close frame (`drop`), or this socket's TCP connection destroyed before a
 * byte of the reply (`destroy`: the client sees the line die, as on a network failure).
 */
export interface TradeFault {
  readonly hang?: boolean;
  readonly drop?: boolean;
  readonly destroy?: boolean;
}

/**
 * The fake's private WS v2 (`executions`, `balances`, and add_order/cancel_order/cancel_all with the
 * documented request and reply shapes) over a FakeAccount. Frame shapes: acks, pending_new and
 * balances snapshot from Kraken's documentation (vectors/kraken-ws2-messages.json); new, trade, canceled
 * and ledger updates as recorded in vectors/kraken-ws2-private-recorded.json, with the fake's values.
 * Open orders in the executions snapshot take the documented pending_new layout with their current status.
 */
export class FakeAccountFeed {
  /** Client frames as received (they hold tokens: tests only). */
  readonly received: string[] = [];
  /** Trading requests by method, as received. */
  readonly trades: string[] = [];
  tradeFaults: TradeFault[] = [];
  connectionsOpened = 0;
  #conns = new Set<FeedConnection>();
  #dropOnOrder = 0;

  constructor(
    readonly account: FakeAccount,
    readonly tokens: ReadonlySet<string>,
    readonly now: () => string,
  ) {
    account.onChange((c) => this.#publish(c));
  }

  get openConnections(): number {
    return this.#conns.size;
  }

  /** Connections subscribed to both channels. */
  get subscribers(): number {
    let n = 0;
    for (const c of this.#conns) if (c.executions && c.balances) n++;
    return n;
  }

  /** The next accepted order closes every account socket before anything about it is sent. */
  dropOnNextOrder(): void {
    this.#dropOnOrder++;
  }

  /** `{"channel":"heartbeat"}` to every subscribed connection. */
  heartbeat(): void {
    for (const c of this.#conns) if (c.executions || c.balances) c.send('{"channel":"heartbeat"}');
  }

  drop(): void {
    dropSockets(this.#conns);
  }

  /** `kill` destroys the TCP connection the upgrade came on (the `destroy` fault). */
  upgrade(req: Request, kill: () => boolean = () => false): Response {
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conn = new FeedConnection(socket, kill);
    this.#conns.add(conn);
    socket.addEventListener("open", () => {
      this.connectionsOpened++;
    });
    socket.addEventListener("close", () => this.#conns.delete(conn));
    socket.addEventListener("message", (ev) => this.#onFrame(conn, String(ev.data)));
    return response;
  }

  async close(): Promise<void> {
    await closeSockets(this.#conns);
  }

  #onFrame(conn: FeedConnection, text: string): void {
    this.received.push(text);
    let msg: { method?: string; params?: Record<string, unknown>; req_id?: number };
    try {
      // Numbers kept as their text, as sent ("0.001"), the way Kraken reads exact decimals.
      msg = JSON.parse(
        text,
        (_k, v, ctx?: { source?: string }) => typeof v === "number" ? ctx?.source ?? v : v,
      );
    } catch {
      return;
    }
    const times = { time_in: this.now(), time_out: this.now() };
    const reqId = msg.req_id === undefined ? {} : { req_id: msg.req_id };
    if (msg.method === "ping") {
      conn.send(JSON.stringify({ method: "pong", ...reqId, ...times }));
      return;
    }
    if (msg.method === "add_order" || msg.method === "cancel_order" || msg.method === "cancel_all") {
      this.#onTrade(conn, msg.method, msg.params ?? {}, reqId);
      return;
    }
    const channel = String(msg.params?.channel);
    if (msg.method !== "subscribe" || (channel !== "executions" && channel !== "balances")) {
      conn.send(
        JSON.stringify({
          error: "EGeneral:Invalid arguments",
          method: msg.method,
          success: false,
          ...reqId,
          ...times,
        }),
      );
      return;
    }
    if (!this.tokens.has(String(msg.params?.token))) {
      conn.send(
        JSON.stringify({
          error: "EGeneral:Permission denied",
          method: "subscribe",
          success: false,
          ...reqId,
          ...times,
        }),
      );
      return;
    }
    if (channel === "executions") {
      conn.executions = true;
      const result = { channel, maxratecount: 125, snap_orders: true, snap_trades: false };
      conn.send(JSON.stringify({ method: "subscribe", result, success: true, ...times, ...reqId }));
      const open = [...this.account.orders.values()].filter((o) => o.status === "open");
      this.#send(conn, "executions", "snapshot", open.map((o) => this.#pendingNew(o, true)));
    } else {
      conn.balances = true;
      conn.send(
        JSON.stringify({
          method: "subscribe",
          result: { channel, snapshot: true },
          success: true,
          ...times,
          ...reqId,
        }),
      );
      const items = [...this.account.balances.keys()].map((code) => {
        const balance = new Num(this.account.amountText(code));
        return {
          asset: WS_ASSET[code] ?? code,
          asset_class: "currency",
          balance,
          wallets: [{ type: "spot", id: "main", balance }],
        };
      });
      this.#send(conn, "balances", "snapshot", items);
    }
  }

  /** add_order, cancel_order, cancel_all (https://docs.kraken.com/api/docs/websocket-v2/add_order and after). */
  #onTrade(
    conn: FeedConnection,
    method: string,
    p: Record<string, unknown>,
    reqId: Record<string, unknown>,
  ): void {
    this.trades.push(method);
    const reply = (body: Record<string, unknown>) =>
      conn.send(JSON.stringify({ method, ...body, ...reqId, time_in: this.now(), time_out: this.now() }));
    if (!this.tokens.has(String(p.token))) {
      reply({ error: "EGeneral:Permission denied", success: false });
      return;
    }
    const results: Record<string, unknown>[] = [];
    let error: string | undefined;
    if (method === "add_order") {
      const form = new URLSearchParams({ type: String(p.side), ordertype: String(p.order_type) });
      form.set("volume", String(p.order_qty));
      if (p.limit_price !== undefined) form.set("price", String(p.limit_price));
      if (p.cl_ord_id !== undefined) form.set("cl_ord_id", String(p.cl_ord_id));
      if (p.validate === true) form.set("validate", "true");
      const r = p.symbol === "BTC/USD"
        ? this.account.addOrder(form)
        : { error: ["EQuery:Unknown asset pair"] };
      error = r.error[0];
      const txid = (r.result as { txid?: string[] } | undefined)?.txid?.[0];
      results.push({
        order_id: txid ?? "",
        ...(p.cl_ord_id === undefined ? {} : { cl_ord_id: p.cl_ord_id }),
      });
    } else if (method === "cancel_order") {
      const ids = [
        ...(p.order_id as string[] ?? []).map((id) => ["txid", id]),
        ...(p.cl_ord_id as string[] ?? []).map((id) => ["cl_ord_id", id]),
      ];
      for (const [k, id] of ids) {
        const order = k === "txid" ? this.account.orders.get(id!) : this.account.byClientId(id!);
        const r = this.account.cancelOrder(new URLSearchParams({ [k!]: id! }));
        if (r.error[0]) error ??= r.error[0];
        else {results.push({
            order_id: order!.txid,
            ...(order!.clOrdId ? { cl_ord_id: order!.clOrdId } : {}),
          });}
      }
    } else {
      results.push(this.account.cancelAll().result as Record<string, unknown>);
    }
    const fault = this.tradeFaults.shift();
    if (fault?.hang) return;
    if (fault?.drop) {
      this.drop();
      return;
    }
    if (fault?.destroy) {
      conn.kill();
      return;
    }
    if (error !== undefined) reply({ error, success: false });
    else for (const result of results) reply({ result, success: true });
  }

  #publish(c: AccountChange): void {
    if (c.kind === "pending_new" && this.#dropOnOrder > 0) {
      this.#dropOnOrder--;
      this.drop();
      return;
    }
    if (c.kind === "balances") {
      for (const conn of this.#conns) {
        if (conn.balances) this.#send(conn, "balances", "update", this.#ledger(c));
      }
      return;
    }
    let item: Record<string, unknown>;
    if (c.kind === "trade") item = this.#trade(c);
    else if (c.kind === "pending_new") item = this.#pendingNew(c.order, false);
    else if (c.kind === "new") item = this.#new(c.order);
    else item = this.#canceled(c.order);
    for (const conn of this.#conns) if (conn.executions) this.#send(conn, "executions", "update", [item]);
  }

  #send(conn: FeedConnection, channel: "executions" | "balances", type: string, data: unknown[]): void {
    conn.send(wireJson({ channel, type, data, sequence: ++conn.seq[channel] }));
  }

  /** Documented pending_new layout; snapshot entries carry their current status and executed quantity. */
  #pendingNew(o: FakeOrder, snapshot: boolean): Record<string, unknown> {
    return {
      order_id: o.txid,
      ...ids(o),
      symbol: "BTC/USD",
      order_qty: new Num(formatTicks(o.qty, QP)),
      cum_cost: new Num(formatDecimal(o.cost)),
      ...(snapshot ? { cum_qty: new Num(formatTicks(o.filled, QP)) } : {}),
      time_in_force: "GTC",
      exec_type: snapshot ? "new" : "pending_new",
      side: o.side,
      order_type: o.type,
      ...(o.price === null
        ? {}
        : { limit_price_type: "static", limit_price: new Num(formatTicks(o.price, PP)) }),
      stop_price: new Num("0.0"),
      order_status: snapshot ? (o.filled > 0 ? "partially_filled" : "new") : "pending_new",
      fee_usd_equiv: new Num("0.0"),
      fee_ccy_pref: "fciq",
      timestamp: this.now(),
    };
  }

  #new(o: FakeOrder): Record<string, unknown> {
    return { timestamp: this.now(), order_status: "new", exec_type: "new", ...ids(o), order_id: o.txid };
  }

  #canceled(o: FakeOrder): Record<string, unknown> {
    const avg = o.filled === 0 ? ZERO : o.cost;
    return {
      timestamp: this.now(),
      order_status: "canceled",
      exec_type: "canceled",
      cum_qty: new Num(formatTicks(o.filled, QP)),
      cum_cost: new Num(formatDecimal(o.cost)),
      fee_usd_equiv: new Num(formatDecimal(o.fee)),
      avg_price: new Num(formatDecimal(avg)),
      ...ids(o),
      cancel_reason: "User requested",
      reason: "User requested",
      order_id: o.txid,
    };
  }

  #trade(c: Extract<AccountChange, { kind: "trade" }>): Record<string, unknown> {
    const o = c.order;
    const cost = mul(fromTicks(c.price, PP), fromTicks(c.qty, QP));
    return {
      order_id: o.txid,
      ...ids(o),
      exec_id: `TFAKE${c.tradeId}`,
      exec_type: "trade",
      trade_id: c.tradeId,
      symbol: "BTC/USD",
      side: o.side,
      last_qty: new Num(formatTicks(c.qty, QP)),
      last_price: new Num(formatTicks(c.price, PP)),
      liquidity_ind: c.maker ? "m" : "t",
      cost: new Num(formatDecimal(cost)),
      order_status: o.status === "closed" ? "filled" : "partially_filled",
      order_type: o.type,
      timestamp: this.now(),
      fee_usd_equiv: new Num(formatDecimal(c.fee)),
      fees: [{ asset: "USD", qty: new Num(formatDecimal(c.fee)) }],
    };
  }

  #ledger(c: Extract<AccountChange, { kind: "balances" }>): Record<string, unknown>[] {
    return c.entries.map((e, i) => ({
      ledger_id: `LFAKE-${i}-${e.asset}`,
      ref_id: "TFAKE",
      timestamp: this.now(),
      type: "trade",
      asset: WS_ASSET[e.asset] ?? e.asset,
      asset_class: "currency",
      category: "trade",
      wallet_type: "spot",
      wallet_id: "main",
      amount: new Num(formatDecimal(e.amount)),
      fee: new Num(formatDecimal(e.fee)),
      balance: new Num(this.account.amountText(e.asset)),
    }));
  }
}

/** cl_ord_id when the order has one, else the order_userref 0 the recorded frames show. */
function ids(o: FakeOrder): Record<string, unknown> {
  return o.clOrdId ? { cl_ord_id: o.clOrdId } : { order_userref: 0 };
}
