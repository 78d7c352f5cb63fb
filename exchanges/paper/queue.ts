import type { OrderBook } from "../../lib/book/mod.ts";
import type { TradePrinted } from "../../lib/core/mod.ts";
import type { OwnOrder } from "../sim/account.ts";

/** A fill a trade print gives a resting own order: `qty` at the order's own price. */
export interface QueueFill {
  readonly order: OwnOrder;
  readonly qty: number;
}

/**
 * Where each resting own limit order stands in the queue at its price level of the live book: the volume
 * ahead of it, counted from the recorded volume at the level when the order was placed (own orders are not
 * in the venue's book, so everyone there came first). The volume ahead only ever shrinks: a trade printed at
 * the price consumes it first, and when the level shows less than the volume ahead, the difference has left
 * from ahead (cancellations are otherwise assumed to come from behind). A trade at the price fills the order
 * only with what is left of it past the volume ahead (and past own orders placed there earlier); a trade
 * through the price (a sell printed below a resting buy, a buy above a resting sell) means the whole level
 * was eaten, so the order fills in full.
 */
export class Queues {
  readonly #ahead = new Map<string, number>();

  /** A limit order starts resting at its price: behind everything the level shows now. */
  place(order: OwnOrder, book: OrderBook | null): void {
    if (order.price === null) return;
    this.#ahead.set(order.id, book ? book.qtyAtPrice(sideOf(order), order.price) : 0);
  }

  forget(order: OwnOrder): void {
    this.#ahead.delete(order.id);
  }

  /** After the book changed: the volume ahead of each order never exceeds what its level now shows. */
  bookChanged(orders: readonly OwnOrder[], book: OrderBook): void {
    for (const o of orders) {
      const ahead = this.#ahead.get(o.id);
      if (ahead === undefined || ahead === 0 || o.price === null) continue;
      const side = sideOf(o);
      const shown = book.qtyAtPrice(side, o.price);
      if (shown >= ahead) continue;
      // A level missing beyond the depth the book keeps is not known to be gone.
      if (shown === 0 && beyondKept(book, side, o.price)) continue;
      this.#ahead.set(o.id, shown);
    }
  }

  /**
   * The fills `trade` gives resting own orders (open limit orders of its pair, in the order they were
   * placed), best price first for the taker; the volume ahead at the traded price shrinks by the trade.
   */
  trade(trade: TradePrinted, orders: readonly OwnOrder[]): QueueFill[] {
    const buys = trade.side === "sell";
    const hit = orders
      .filter((o) =>
        o.price !== null && o.type === "limit" &&
        (buys ? o.side === "buy" && o.price >= trade.price : o.side === "sell" && o.price <= trade.price)
      )
      .sort((a, b) => (buys ? b.price! - a.price! : a.price! - b.price!));
    const out: QueueFill[] = [];
    /** Own volume at the traded price that this trade already filled: it stood ahead of later orders. */
    let ownAhead = 0;
    for (const o of hit) {
      const left = o.qty - o.filled;
      if (left <= 0) continue;
      if (o.price !== trade.price) {
        this.#ahead.set(o.id, 0);
        out.push({ order: o, qty: left });
        continue;
      }
      const ahead = this.#ahead.get(o.id) ?? 0;
      this.#ahead.set(o.id, Math.max(0, ahead - trade.qty));
      const reach = trade.qty - ahead - ownAhead;
      if (reach <= 0) continue;
      const qty = Math.min(left, reach);
      ownAhead += qty;
      out.push({ order: o, qty });
    }
    return out;
  }
}

function sideOf(o: OwnOrder): "bid" | "ask" {
  return o.side === "buy" ? "bid" : "ask";
}

/** Whether `price` lies past the worst level a full side keeps (the book truncates to its depth). */
function beyondKept(book: OrderBook, side: "bid" | "ask", price: number): boolean {
  const n = book.size(side);
  if (n < book.depth) return false;
  const worst = book.priceAt(side, n - 1);
  return side === "bid" ? price < worst : price > worst;
}
