/**
 * One strategy's orders on the host side: submits with the strategy as owner, maps the ids the strategy
 * chose to the engine's client ids, lets it cancel only its own, and reports what changed since last time.
 * Lives as long as the strategy's name is loaded, across reloads, so a new instance can cancel the old one's
 * orders.
 */

import type { Instrument } from "../core/mod.ts";
import type { Log } from "../log/mod.ts";
import { isWorkingStatus, orderView } from "./market_data.ts";
import { ownerOf, type PortOrder, type StrategyPort } from "./port.ts";
import type { OwnsData } from "./protocol.ts";
import type { OrderView, Side } from "./sdk.ts";

export interface OrderCommand {
  readonly id: string;
  readonly side: Side;
  readonly price: string | null;
  readonly volume: string;
  readonly validate: boolean;
}

export class OrderRouter {
  readonly owner: string;
  #port: StrategyPort;
  #log: Log;
  #toClient = new Map<string, string>();
  #toLocal = new Map<string, string>();
  /** Orders refused before reaching the engine, to report as rejected. */
  #denied: OrderView[] = [];
  /** This strategy's working orders as last reported, by client id. */
  #seen = new Map<string, Seen>();
  /** Submitted since the last report (they may have ended before it). */
  #sent = new Set<string>();

  constructor(name: string, port: StrategyPort, log: Log) {
    this.owner = ownerOf(name);
    this.#port = port;
    this.#log = log;
  }

  submit(cmd: OrderCommand): void {
    const engine = this.#port.orders;
    if (!engine) return this.deny(cmd, "trading is not available (no account)");
    try {
      const r = engine.submit({
        side: cmd.side,
        price: cmd.price,
        volume: cmd.volume,
        owner: this.owner,
        validate: cmd.validate,
      });
      this.#toClient.set(cmd.id, r.clientId);
      this.#toLocal.set(r.clientId, cmd.id);
      this.#sent.add(r.clientId);
      // Outcomes arrive through the engine's change events; a rejected promise here is not an error.
      r.settled.catch(() => {});
    } catch (e) {
      this.deny(cmd, e instanceof Error ? e.message : String(e));
    }
  }

  /** Reports the order as rejected without sending it. */
  deny(cmd: OrderCommand, reason: string): void {
    this.#log.warn(
      `Order ${cmd.id} (${cmd.side} ${cmd.volume} at ${cmd.price ?? "market"}) denied: ${reason}`,
    );
    this.#denied.push(Object.freeze({
      id: cmd.id,
      clientId: "",
      venueId: "",
      side: cmd.side,
      price: cmd.price === null ? null : Number(cmd.price),
      volume: Number(cmd.volume),
      filled: 0,
      status: "rejected",
      mine: true,
      error: reason,
    }));
  }

  get hasDenied(): boolean {
    return this.#denied.length > 0;
  }

  cancel(id: string): void {
    const engine = this.#port.orders;
    const clientId = this.#toClient.get(id) ?? id;
    const order = engine?.orders().find((o) => o.clientId === clientId);
    if (!engine || !order || order.owner !== this.owner) {
      this.#log.warn(`Cannot cancel order "${id}": not a working order of this strategy`);
      return;
    }
    engine.cancel(clientId, { owner: this.owner }).catch((e) =>
      this.#log.warn(`Cannot cancel order "${id}": ${e instanceof Error ? e.message : String(e)}`)
    );
  }

  cancelAll(): void {
    const engine = this.#port.orders;
    if (!engine) return;
    engine.cancelAll({ owner: this.owner }).then(
      (r) => {
        for (const f of r.failed) this.#log.warn(`Cannot cancel order "${this.idOf(f.id)}": ${f.reason}`);
      },
      (e) => this.#log.warn(`Cannot cancel orders: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** The id the strategy knows an order by. */
  idOf(clientId: string): string {
    return this.#toLocal.get(clientId) ?? clientId;
  }

  /** Forgets what was reported: the next report lists no changes for orders as they are now. */
  resetSeen(instrument: Instrument): void {
    this.#seen.clear();
    this.#sent.clear();
    for (const o of this.#port.orders?.orders() ?? []) {
      if (o.owner === this.owner && o.symbol === instrument.symbol) {
        this.#seen.set(o.clientId, { status: o.status, filled: o.filled });
      }
    }
  }

  /** Working own orders on the pair (any owner) and this strategy's changes since the last report. */
  report(instrument: Instrument): OwnsData {
    const engine = this.#port.orders;
    const orders = engine?.orders() ?? [];
    const all: OrderView[] = [];
    const changes: { order: OrderView; filledNow: number }[] = [];
    const qp = 10 ** instrument.qtyPrecision;
    const seen = new Map<string, Seen>();
    const note = (o: PortOrder, listed: boolean) => {
      const view = orderView(o, instrument, this.idOf(o.clientId), true);
      const before = this.#seen.get(o.clientId);
      if (listed) seen.set(o.clientId, { status: o.status, filled: o.filled });
      if (before && before.status === o.status && before.filled === o.filled) return view;
      changes.push({ order: view, filledNow: (o.filled - (before?.filled ?? 0)) / qp });
      return view;
    };
    for (const o of orders) {
      if (o.symbol !== instrument.symbol) continue;
      if (o.owner !== this.owner) {
        if (isWorkingStatus(o.status)) all.push(orderView(o, instrument, o.clientId, false));
        continue;
      }
      const view = note(o, true);
      if (isWorkingStatus(o.status)) all.push(view);
    }
    // Orders that stopped working drop out of the engine's list: their end comes from order(id).
    for (const id of [...this.#seen.keys(), ...this.#sent]) {
      if (seen.has(id)) continue;
      const end = engine?.order?.(id);
      if (end && end.owner === this.owner && !isWorkingStatus(end.status)) note(end, false);
    }
    this.#seen = seen;
    this.#sent.clear();
    for (const d of this.#denied) changes.push({ order: d, filledNow: 0 });
    this.#denied = [];
    return { all, changes };
  }
}

interface Seen {
  readonly status: string;
  readonly filled: number;
}
