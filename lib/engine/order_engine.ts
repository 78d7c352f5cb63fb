import {
  type Balances,
  canLookUpOrders,
  type Clock,
  type ConnectionState,
  errorKind,
  errorText,
  type Exchange,
  type ExchangeEvent,
  formatTicks,
  type Instrument,
  InvalidOrder,
  isPaper,
  type Order,
  OrderDenied,
  type OrderFilled,
  type OrderLookup,
  OrderNotFound,
  type OrderStatus,
  parseTicks,
  type SubmitOrder,
  systemClock,
  systemTimers,
  type Timers,
} from "../core/mod.ts";
import type { OrderBook } from "../book/mod.ts";
import { type Log, nullLog } from "../log/mod.ts";
import { newClientId } from "./client_ids.ts";
import type { Journal, JournalEntry } from "./journal.ts";
import { isRefusal } from "./order_lookup.ts";
import {
  checkOwner,
  FOREIGN,
  isLive,
  type OrderRequest,
  type OwnOrder,
  type SubmitResult,
} from "./order_types.ts";
import { type CheckedOrder, checkOrder, heldBy } from "./risk_checks.ts";

export type { OrderRequest, OwnOrder, SubmitResult } from "./order_types.ts";

export interface OrderEngineOptions {
  readonly exchange: Exchange;
  readonly instrument: Instrument;
  readonly journal: Journal;
  /** The live book: limit prices are checked against its mid, market orders priced from it. */
  readonly book?: OrderBook;
  /** False while the book is known to be wrong (resyncing): no order is placed on it then. */
  readonly bookTrusted?: () => boolean;
  /** Why the book is not trusted, for the refusal ("checksum mismatch: ..."). */
  readonly bookProblem?: () => string;
  /** Total balances as the venue last reported them; null while unknown (the funds check is skipped). */
  readonly balances?: () => Balances | null;
  /** Time for order stamps and the grace period; default `timers`. */
  readonly clock?: Clock;
  readonly log?: Log;
  /** Largest distance of a limit price from the mid, in percent; default 10, Infinity turns it off. */
  readonly priceBandPct?: number;
  /** Orders are paper orders (journalled as such); default: whether the exchange says it is paper. */
  readonly paper?: boolean;
  /** How long to wait for the venue's answer before the order becomes "unknown"; default 15 s. */
  readonly replyTimeoutMs?: number;
  /** Timers for the reply timeout (a backtest runs them on the recording's clock); default systemTimers. */
  readonly timers?: Timers;
}

/** One order the engine tracks. `own` orders are journalled; foreign ones only mirrored. */
interface Slot {
  order: OwnOrder;
  /** Engine-wide change counter at the last change: tells a stale venue snapshot from newer news. */
  seq: number;
  readonly own: boolean;
}

/**
 * Places, tracks and cancels the orders of one instrument on one venue, so that no order is ever lost or
 * doubled (DESIGN.md §6): local checks first (OrderDenied, nothing sent), the journal written before the
 * request leaves, an explicit refusal becomes "rejected", anything else without an answer "unknown" until
 * reconcile() has asked the venue. A submit is never retried.
 */
export class OrderEngine {
  readonly instrument: Instrument;
  readonly paper: boolean;
  readonly #exchange: Exchange;
  readonly #journal: Journal;
  readonly #book: OrderBook | null;
  readonly #bookTrusted: () => boolean;
  readonly #bookProblem: () => string;
  readonly #balances: (() => Balances | null) | null;
  readonly #clock: Clock;
  readonly #log: Log;
  readonly #band: number;
  readonly #timeoutMs: number;
  /** How long a sent order the venue does not know stays unknown before it counts as never arrived. */
  readonly #graceMs: number;
  readonly #clockTimers: Timers;
  readonly #lookup: OrderLookup | null;
  readonly #slots = new Map<string, Slot>();
  readonly #byVenueId = new Map<string, Slot>();
  readonly #waiters = new Map<string, (o: OwnOrder) => void>();
  /** Client ids whose placeOrder has not answered yet, with the promise that settles when it does. */
  readonly #inFlight = new Map<string, Promise<OwnOrder>>();
  readonly #timers = new Set<() => void>();
  readonly #listeners = new Set<() => void>();
  #list: readonly OwnOrder[] | null = null;
  #seq = 0;
  #reconciling: Promise<void> | null = null;
  #again = false;
  #connection: ConnectionState | null = null;
  #closed = false;

  constructor(opts: OrderEngineOptions) {
    const band = opts.priceBandPct ?? 10;
    if (!(band > 0) || (Number.isFinite(band) && !/^\d+(\.\d+)?$/.test(String(band)))) {
      throw new RangeError(`Price band must be a percentage above 0 (or Infinity), got ${band}`);
    }
    const timeout = opts.replyTimeoutMs ?? 15_000;
    if (!(timeout > 0)) throw new RangeError(`Reply timeout must be above 0 ms, got ${timeout}`);
    this.#exchange = opts.exchange;
    this.instrument = opts.instrument;
    this.#journal = opts.journal;
    this.#book = opts.book ?? null;
    this.#bookTrusted = opts.bookTrusted ?? (() => true);
    this.#bookProblem = opts.bookProblem ?? (() => "");
    this.#balances = opts.balances ?? null;
    this.#clock = opts.clock ?? opts.timers ?? systemClock;
    this.#log = opts.log ?? nullLog;
    this.#band = band;
    this.#timeoutMs = timeout;
    this.#graceMs = Math.max(4 * timeout, 60_000);
    this.#clockTimers = opts.timers ?? systemTimers;
    this.paper = opts.paper ?? isPaper(opts.exchange);
    this.#lookup = canLookUpOrders(opts.exchange) ? opts.exchange : null;
  }

  get venue(): string {
    return this.#exchange.venue;
  }

  /**
   * Local checks (valid decimal text at the instrument's precision, > 0, min size, price increment, enough
   * available balance incl. what own open orders hold, price within the band around the book's mid), then
   * journal, then send. A failing check throws OrderDenied and nothing is sent. Returns at once with the
   * client id; `settled` resolves once the venue answered (open/filled), or with status "rejected" (explicit
   * refusal), or "unknown" on timeout/disconnect/5xx/rate limit, never resubmitted; reconcile() resolves it.
   */
  submit(req: OrderRequest): SubmitResult {
    const inst = this.instrument;
    if (this.#closed) {
      throw new OrderDenied(`Cannot place order on "${inst.symbol}": the order engine is closed`);
    }
    const owner = checkOwner(req.owner ?? "ui");
    if (!this.#bookTrusted()) {
      const why = this.#bookProblem();
      throw new OrderDenied(
        `Cannot place order on "${inst.symbol}": the book is being resynced${
          why ? ` (${why})` : ""
        }; wait until it is verified again`,
      );
    }
    const checked = checkOrder(req, {
      instrument: inst,
      book: this.#book,
      balances: this.#balances?.() ?? null,
      held: heldBy(this.#liveOrders(), inst),
      priceBandPct: this.#band,
    });
    const now = this.#clock.now();
    if (req.validate) return this.#validate(checked, owner, now);
    const clientId = this.#write(checked, owner, now);
    const order: OwnOrder = Object.freeze({
      id: "",
      clientId,
      symbol: inst.symbol,
      side: checked.side,
      type: checked.type,
      price: checked.price,
      qty: checked.qty,
      filled: 0,
      status: "pending",
      time: now,
      owner,
      paper: this.paper,
    });
    const slot: Slot = { order, seq: ++this.#seq, own: true };
    this.#slots.set(clientId, slot);
    this.#list = null;
    const settled = new Promise<OwnOrder>((resolve) => this.#waiters.set(clientId, resolve));
    this.#inFlight.set(clientId, settled);
    let reply: Promise<Order>;
    try {
      reply = this.#exchange.placeOrder(command(clientId, order, false));
    } catch (e) {
      reply = Promise.reject(e);
    }
    this.#watch(slot, reply);
    this.#log.info(`Order sent to ${this.venue}: ${describe(order, inst)} (client id ${clientId})`);
    this.#emit();
    return { clientId, settled };
  }

  /**
   * Cancels by venue id or client id; resolves with the order as it then is. With `by.owner` (a strategy
   * host passes its strategy's), orders of other owners are refused.
   */
  async cancel(id: string, by?: { owner?: string }): Promise<OwnOrder> {
    const sym = this.instrument.symbol;
    const slot = this.#find(id);
    if (!slot) throw new OrderNotFound(`Cannot cancel order "${id}" on "${sym}": there is no such order`);
    if (by?.owner !== undefined && slot.order.owner !== by.owner) {
      throw new InvalidOrder(
        `Cannot cancel order "${id}" on "${sym}": it belongs to "${slot.order.owner}", not "${by.owner}"`,
      );
    }
    const inFlight = this.#inFlight.get(slot.order.clientId);
    if (inFlight) await inFlight;
    if (!isLive(slot.order)) {
      throw new InvalidOrder(`Cannot cancel order "${id}" on "${sym}": it is already ${slot.order.status}`);
    }
    const ref = slot.order.id || slot.order.clientId;
    try {
      const o = await this.#exchange.cancelOrder(ref);
      this.#merge(slot, o);
    } catch (e) {
      if (!(e instanceof OrderNotFound)) throw e;
      const why = `${this.venue} has no open order "${ref}"`;
      if (this.#lookup) await this.#settleMissing(slot, why);
      else if (isLive(slot.order)) this.#change(slot, { status: "canceled" }, `${why} (it may have filled)`);
    }
    return slot.order;
  }

  /** Cancels every live order (of one owner, if given), one request each; reports what failed. */
  async cancelAll(
    filter?: { owner?: string },
  ): Promise<{ canceled: number; failed: { id: string; reason: string }[] }> {
    const targets = this.orders().filter((o) => filter?.owner === undefined || o.owner === filter.owner);
    const results = await Promise.allSettled(targets.map((o) => this.cancel(o.clientId || o.id)));
    let canceled = 0;
    const failed: { id: string; reason: string }[] = [];
    results.forEach((r, i) => {
      const o = targets[i]!;
      if (r.status === "rejected") failed.push({ id: o.clientId || o.id, reason: errorText(r.reason) });
      else if (r.value.status === "canceled") canceled++;
      else failed.push({ id: o.clientId || o.id, reason: `it is ${r.value.status}` });
    });
    return { canceled, failed };
  }

  /** Open, pending and unknown orders, own and foreign, in submission order. */
  orders(): readonly OwnOrder[] {
    this.#list ??= Object.freeze([...this.#slots.values()].map((s) => s.order).filter(isLive));
    return this.#list;
  }

  /** Any order the engine has seen this run (finished ones too), by client id or venue id. */
  order(id: string): OwnOrder | undefined {
    return this.#find(id)?.order;
  }

  /**
   * Reconciles the journal with the venue's open orders: at start and after every reconnect. Journal
   * entries found at the venue become open/filled; live ones missing are looked up by client id where the
   * adapter can and become what the venue says; venue orders with no journal entry appear as "foreign".
   * Concurrent calls share one run (plus one more if asked for while running).
   */
  reconcile(): Promise<void> {
    if (this.#reconciling) {
      this.#again = true;
      return this.#reconciling;
    }
    const run = async () => {
      try {
        do {
          this.#again = false;
          await this.#reconcileOnce();
        } while (this.#again && !this.#closed);
      } finally {
        this.#reconciling = null;
      }
    };
    this.#reconciling = run();
    return this.#reconciling;
  }

  /** Feeds account events; a reconnect (ConnectionChanged back to connected) starts reconcile(). */
  apply(ev: ExchangeEvent): void {
    if (this.#closed) return;
    switch (ev.kind) {
      case "OrderAccepted":
      case "OrderCanceled":
        this.#onVenueOrder(ev.order, null);
        return;
      case "OrderFilled":
        this.#onVenueOrder(ev.order, ev);
        return;
      case "OrderRejected": {
        const slot = this.#find(ev.clientId) ?? this.#adopt(ev.clientId, "");
        if (slot && (slot.order.status === "pending" || slot.order.status === "unknown")) {
          this.#change(slot, { status: "rejected" }, ev.reason);
          this.#settle(slot);
        }
        return;
      }
      case "ConnectionChanged": {
        const before = this.#connection;
        this.#connection = ev.state;
        if (ev.state === "connected" && before !== null && before !== "connected") {
          this.#log.info(`Reconnected to ${this.venue}: reconciling orders`);
          this.reconcile().catch((e) => this.#log.warn(`Cannot reconcile orders: ${errorText(e)}`));
        }
        return;
      }
      default:
        return;
    }
  }

  onChange(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Stops timers; orders still waiting stay as they are in the journal for the next start. */
  close(): void {
    this.#closed = true;
    for (const stop of this.#timers) stop();
    this.#timers.clear();
  }

  // --- submit ---

  /** Journals a new order under a fresh client id; OrderDenied if the journal cannot be written. */
  #write(c: CheckedOrder, owner: string, now: number): string {
    const inst = this.instrument;
    for (let tries = 0; tries < 5; tries++) {
      const clientId = newClientId(now);
      let written: boolean;
      try {
        written = this.#journal.insert({
          clientId,
          venue: this.venue,
          symbol: inst.symbol,
          side: c.side,
          type: c.type,
          price: c.price === null ? null : formatTicks(c.price, inst.pricePrecision),
          volume: formatTicks(c.qty, inst.qtyPrecision),
          filled: formatTicks(0, inst.qtyPrecision),
          owner,
          paper: this.paper,
          status: "pending",
          venueId: "",
          createdAt: now,
          updatedAt: now,
          error: null,
        });
      } catch (e) {
        throw new OrderDenied(
          `Cannot place order on "${inst.symbol}": the order journal cannot be written: ${errorText(e)}`,
        );
      }
      if (written) return clientId;
    }
    throw new OrderDenied(`Cannot place order on "${inst.symbol}": no unused client order id was found`);
  }

  /** Starts a timer on the engine's Timers; returns a function that stops it. */
  #setTimer(ms: number, fn: () => void): () => void {
    const t = this.#clockTimers;
    const handle = t.setTimeout(fn, ms);
    return () => t.clearTimeout(handle);
  }

  /** Waits for the venue's answer to placeOrder, or the timeout. */
  #watch(slot: Slot, reply: Promise<Order>): void {
    const clientId = slot.order.clientId;
    const stop = this.#setTimer(this.#timeoutMs, () => {
      this.#timers.delete(stop);
      // from now on reconcile may settle it; a late answer is still taken
      this.#inFlight.delete(clientId);
      if (slot.order.status === "pending") {
        this.#change(
          slot,
          { status: "unknown" },
          `no answer from ${this.venue} within ${this.#timeoutMs} ms`,
        );
      }
      this.#settle(slot);
    });
    this.#timers.add(stop);
    const done = () => {
      stop();
      this.#timers.delete(stop);
      this.#inFlight.delete(clientId);
    };
    reply.then(
      (o) => {
        done();
        this.#merge(slot, o);
        this.#settle(slot);
      },
      (e) => {
        done();
        // A refusal rejects an order still pending or unknown; any other failure leaves a pending one unknown.
        const status = slot.order.status;
        const to = isRefusal(e) ? "rejected" : "unknown";
        if (status === "pending" || (status === "unknown" && to === "rejected")) {
          this.#change(slot, { status: to }, errorText(e), errorKind(e));
        }
        this.#settle(slot);
      },
    );
  }

  /** A validate-only request: not journalled, not listed; settles with the venue's verdict. */
  #validate(c: CheckedOrder, owner: string, now: number): SubmitResult {
    const inst = this.instrument;
    const clientId = newClientId(now);
    const base: OwnOrder = {
      id: "",
      clientId,
      symbol: inst.symbol,
      side: c.side,
      type: c.type,
      price: c.price,
      qty: c.qty,
      filled: 0,
      status: "pending",
      time: now,
      owner,
      paper: this.paper,
    };
    let reply: Promise<Order>;
    try {
      reply = this.#exchange.placeOrder(command(clientId, base, true));
    } catch (e) {
      reply = Promise.reject(e);
    }
    const settled = reply.then(
      (o): OwnOrder => Object.freeze({ ...base, status: o.status, time: o.time }),
      (e): OwnOrder =>
        Object.freeze({
          ...base,
          status: isRefusal(e) ? "rejected" : "unknown",
          error: errorText(e),
          errorKind: errorKind(e),
        }),
    );
    return { clientId, settled };
  }

  // --- venue news ---

  #onVenueOrder(o: Order, fill: OrderFilled | null): void {
    if (o.symbol !== this.instrument.symbol) return;
    let slot = this.#find(o.clientId) ?? (o.id ? this.#byVenueId.get(o.id) : undefined) ??
      this.#adopt(o.clientId, o.id);
    if (!slot) {
      if (!isLive(o)) return;
      slot = this.#addForeign(o);
    }
    if (fill) {
      const inst = this.instrument;
      this.#log.info(
        `Order ${slot.order.clientId || slot.order.id} filled ${
          formatTicks(fill.qty, inst.qtyPrecision)
        } ${inst.base} at ${
          formatTicks(fill.price, inst.pricePrecision)
        } (${fill.liquidity}, fee ${fill.fee} ${inst.quote})`,
      );
    }
    this.#merge(slot, o);
  }

  /** Takes in the venue's view of an order. A filled order stays filled; the filled amount never shrinks. */
  #merge(slot: Slot, o: Order): void {
    const cur = slot.order;
    let status: OrderStatus = o.status;
    if (cur.status === "filled") status = "filled";
    else if (status === "pending" && cur.status === "open") status = "open";
    else if (status === "unknown") status = cur.status;
    const filled = Math.min(cur.qty, Math.max(cur.filled, o.filled));
    const id = o.id || cur.id;
    if (status === cur.status && filled === cur.filled && id === cur.id) return;
    this.#change(slot, { status, filled, id, time: o.time }, undefined);
  }

  /** Applies a change: journal first (own orders), then memory, log, listeners. */
  #change(
    slot: Slot,
    patch: { status: OrderStatus; filled?: number; id?: string; time?: number },
    error: string | undefined,
    kind?: string,
  ): void {
    const cur = slot.order;
    const { error: _old, errorKind: _oldKind, ...rest } = cur;
    const keep = error === undefined && patch.status === cur.status;
    const why = error ?? (keep ? cur.error : undefined);
    const whyKind = kind ?? (keep ? cur.errorKind : undefined);
    const next: OwnOrder = Object.freeze({
      ...rest,
      status: patch.status,
      filled: patch.filled ?? cur.filled,
      id: patch.id ?? cur.id,
      time: patch.time ?? this.#clock.now(),
      ...(why === undefined ? {} : { error: why }),
      ...(why === undefined || whyKind === undefined ? {} : { errorKind: whyKind }),
    });
    if (slot.own) this.#journalChange(next);
    slot.order = next;
    slot.seq = ++this.#seq;
    if (next.id !== "") this.#byVenueId.set(next.id, slot);
    this.#list = null;
    this.#logChange(cur, next);
    this.#emit();
  }

  #journalChange(o: OwnOrder): void {
    try {
      this.#journal.update(o.clientId, {
        status: o.status,
        venueId: o.id,
        filled: formatTicks(o.filled, this.instrument.qtyPrecision),
        error: o.error ?? null,
        updatedAt: o.time,
      });
    } catch (e) {
      this.#log.error(`Cannot write order ${o.clientId} to the journal: ${errorText(e)}`);
    }
  }

  #logChange(before: OwnOrder, after: OwnOrder): void {
    if (before.status === after.status) return;
    const d = describe(after, this.instrument);
    const why = after.error ? `: ${after.error}` : "";
    switch (after.status) {
      case "open":
        this.#log.info(`Order open: ${d}${after.id ? ` (id ${after.id})` : ""}`);
        return;
      case "filled":
        this.#log.info(`Order filled: ${d}`);
        return;
      case "canceled":
        this.#log.info(`Order canceled: ${d}${why}`);
        return;
      case "rejected":
        this.#log.warn(`Order rejected by ${this.venue}: ${d}${why}`);
        return;
      case "unknown":
        this.#log.warn(`Order outcome unknown: ${d}${why}; awaiting reconciliation, never resent`);
        return;
      case "pending":
        return;
    }
  }

  #settle(slot: Slot): void {
    const resolve = this.#waiters.get(slot.order.clientId);
    if (!resolve) return;
    this.#waiters.delete(slot.order.clientId);
    resolve(slot.order);
  }

  // --- reconciliation ---

  async #reconcileOnce(): Promise<void> {
    const inst = this.instrument;
    this.#loadJournal();
    const stamp = this.#seq;
    const venueOrders = await this.#exchange.openOrders(inst.symbol);
    const seen = new Set<Slot>();
    for (const o of venueOrders) {
      if (o.symbol !== inst.symbol) continue;
      const slot = this.#find(o.clientId) ?? (o.id ? this.#byVenueId.get(o.id) : undefined) ??
        this.#adopt(o.clientId, o.id);
      if (!slot) {
        seen.add(this.#addForeign(o));
        continue;
      }
      seen.add(slot);
      if (slot.seq > stamp) continue; // news newer than this list came meanwhile
      if (slot.own && !isLive(slot.order)) this.#correct(slot, o);
      else this.#merge(slot, o);
    }
    for (const slot of [...this.#slots.values()]) {
      if (seen.has(slot) || !isLive(slot.order) || slot.seq > stamp) continue;
      if (!slot.own) {
        this.#change(slot, { status: "canceled" }, `no longer open on ${this.venue}`);
        continue;
      }
      if (this.#inFlight.has(slot.order.clientId)) continue;
      await this.#settleMissing(slot, `not among the open orders on ${this.venue}`);
    }
  }

  /**
   * An own order held as finished (rejected, canceled, filled: in the journal or in this run) that the venue
   * lists among its open orders, with nothing heard of it since the list was asked for: the venue is right,
   * its filled amount included. The journal is corrected and the discrepancy logged.
   */
  #correct(slot: Slot, o: Order): void {
    const cur = slot.order;
    const status: OrderStatus = o.status === "pending" ? "pending" : "open";
    this.#log.warn(
      `Order ${cur.clientId} was recorded as ${cur.status}${
        cur.error ? ` (${cur.error})` : ""
      }, but ${this.venue} ` +
        `lists it open${o.id ? ` as ${o.id}` : ""}: the journal is corrected`,
    );
    this.#change(slot, {
      status,
      filled: Math.min(cur.qty, o.filled),
      id: o.id || cur.id,
      time: o.time,
    }, undefined);
  }

  /**
   * A live own order the venue does not list as open: asks the venue about it where the adapter can and
   * takes its word. Without a lookup, an acknowledged order is taken as closed and an unacknowledged one
   * stays unknown (it may have filled at once: it is never turned into a rejection on a guess).
   */
  async #settleMissing(slot: Slot, reason: string): Promise<void> {
    if (this.#lookup) {
      const before = slot.seq;
      let found: Order | null;
      try {
        found = await this.#lookup.queryOrder({
          symbol: this.instrument.symbol,
          clientId: slot.order.clientId,
          venueId: slot.order.id || undefined,
        });
      } catch (e) {
        this.#log.warn(`Cannot look up order ${slot.order.clientId} on ${this.venue}: ${errorText(e)}`);
        if (slot.order.status === "pending") this.#change(slot, { status: "unknown" }, reason);
        return;
      }
      if (slot.seq !== before || !isLive(slot.order)) return;
      if (found) this.#merge(slot, found);
      else if (slot.order.status === "open") {
        this.#change(slot, { status: "canceled" }, `${reason}, nor known to it`);
      } else {
        // The venue may not have processed it yet (a slow answer, or another process's order still on its
        // way): only a long silence means it never arrived.
        const sent = this.#journal.get(slot.order.clientId)?.createdAt ?? 0;
        const age = this.#clock.now() - sent;
        if (age >= this.#graceMs) {
          this.#change(
            slot,
            { status: "rejected" },
            `${this.venue} has no order with this client id ${Math.round(age / 1000)} s after it was sent`,
          );
        }
        // Younger: left as it is, so as not to overwrite what the process that sent it learns meanwhile.
      }
      return;
    }
    if (slot.order.status === "open") {
      this.#change(slot, { status: "canceled" }, `${reason} (filled or canceled meanwhile)`);
    } else {
      const why = `${reason}, and ${this.venue} cannot be asked by client id`;
      if (slot.order.error !== why) this.#change(slot, { status: "unknown" }, why);
    }
  }

  /** Journal entries not yet in memory (a restart, or another process): live ones of this market. */
  #loadJournal(): void {
    const inst = this.instrument;
    for (const e of this.#journal.live(this.venue, inst.symbol, this.paper)) {
      if (!this.#slots.has(e.clientId)) this.#slotOf(e);
    }
  }

  /** An own order from the journal, found by client id (or by venue id when the venue sent none). */
  #adopt(clientId: string, venueId: string): Slot | undefined {
    const e = clientId !== ""
      ? this.#journal.get(clientId)
      : this.#journal.byVenueId(this.venue, venueId, this.paper);
    if (!e || e.venue !== this.venue || e.symbol !== this.instrument.symbol || e.paper !== this.paper) {
      return undefined;
    }
    return this.#slots.get(e.clientId) ?? this.#slotOf(e);
  }

  #slotOf(e: JournalEntry): Slot | undefined {
    const inst = this.instrument;
    let order: OwnOrder;
    try {
      order = Object.freeze({
        id: e.venueId,
        clientId: e.clientId,
        symbol: e.symbol,
        side: e.side,
        type: e.type,
        price: e.price === null ? null : parseTicks(e.price, inst.pricePrecision),
        qty: parseTicks(e.volume, inst.qtyPrecision),
        filled: parseTicks(e.filled, inst.qtyPrecision),
        status: e.status,
        time: e.updatedAt,
        owner: e.owner,
        paper: e.paper,
        ...(e.error === null ? {} : { error: e.error }),
      });
    } catch (err) {
      this.#log.error(`Cannot read order ${e.clientId} from the journal: ${errorText(err)}`);
      return undefined;
    }
    // seq 0: nothing has been learnt about it since it was read, so any venue list may still update it.
    const slot: Slot = { order, seq: 0, own: true };
    this.#slots.set(e.clientId, slot);
    if (order.id !== "") this.#byVenueId.set(order.id, slot);
    this.#list = null;
    return slot;
  }

  #addForeign(o: Order): Slot {
    const order: OwnOrder = Object.freeze({ ...o, owner: FOREIGN, paper: this.paper });
    const slot: Slot = { order, seq: ++this.#seq, own: false };
    this.#slots.set(o.clientId || `venue:${o.id}`, slot);
    if (o.id !== "") this.#byVenueId.set(o.id, slot);
    this.#list = null;
    this.#log.info(`Foreign order ${o.id} found on ${this.venue}: ${describe(order, this.instrument)}`);
    this.#emit();
    return slot;
  }

  #find(id: string): Slot | undefined {
    if (id === "") return undefined;
    return this.#slots.get(id) ?? this.#byVenueId.get(id);
  }

  *#liveOrders(): Iterable<Order> {
    for (const s of this.#slots.values()) if (isLive(s.order)) yield s.order;
  }

  #emit(): void {
    for (const fn of this.#listeners) {
      try {
        fn();
      } catch (e) {
        this.#log.error(`Order listener failed: ${errorText(e)}`);
      }
    }
  }
}

function command(clientId: string, o: Order, validate: boolean): SubmitOrder {
  return {
    kind: "SubmitOrder",
    clientId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    price: o.price,
    qty: o.qty,
    ...(validate ? { validate: true } : {}),
  };
}

/** "buy 0.50000000 BTC at 60000.0 USD", "sell 1.00000000 ETH at market": numbers at the pair's decimals. */
function describe(o: OwnOrder, inst: Instrument): string {
  const at = o.price === null ? "at market" : `at ${formatTicks(o.price, inst.pricePrecision)} ${inst.quote}`;
  const owner = o.owner === "ui" ? "" : ` [${o.owner}]`;
  return `${o.side} ${formatTicks(o.qty, inst.qtyPrecision)} ${inst.base} ${at}${owner}`;
}
