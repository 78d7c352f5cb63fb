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
  /** What was last reported per client id: status and filled ticks. */
  #seen = new Map<string, { status: string; filled: number }>();

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
    engine.cancel(clientId).catch((e) =>
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
    for (const o of this.#mine(instrument)) {
      this.#seen.set(o.clientId, { status: o.status, filled: o.filled });
    }
  }

  /** Working own orders on the pair (any owner) and this strategy's changes since the last report. */
  report(instrument: Instrument): OwnsData {
    const orders = this.#port.orders?.orders() ?? [];
    const all: OrderView[] = [];
    const changes: { order: OrderView; filledNow: number }[] = [];
    const qp = 10 ** instrument.qtyPrecision;
    const seen = new Map<string, { status: string; filled: number }>();
    for (const o of orders) {
      if (o.symbol !== instrument.symbol) continue;
      const mine = o.owner === this.owner;
      const working = isWorkingStatus(o.status);
      if (!mine) {
        if (working) all.push(orderView(o, instrument, o.clientId, false));
        continue;
      }
      const view = orderView(o, instrument, this.idOf(o.clientId), true);
      if (working) all.push(view);
      const before = this.#seen.get(o.clientId);
      seen.set(o.clientId, { status: o.status, filled: o.filled });
      if (before && before.status === o.status && before.filled === o.filled) continue;
      if (!before && !working && !this.#toLocal.has(o.clientId)) continue; // ended before we knew it
      changes.push({ order: view, filledNow: (o.filled - (before?.filled ?? 0)) / qp });
    }
    this.#seen = seen;
    for (const d of this.#denied) changes.push({ order: d, filledNow: 0 });
    this.#denied = [];
    return { all, changes };
  }

  #mine(instrument: Instrument): PortOrder[] {
    return (this.#port.orders?.orders() ?? []).filter((o) =>
      o.owner === this.owner && o.symbol === instrument.symbol
    );
  }
}
