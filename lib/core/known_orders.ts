import { isTerminal, type Order } from "./orders.ts";

const MAX_ORDERS = 10_000;

/**
 * The account's orders as the venue last described them, by venue id: what an adapter applies later reports
 * of the account feed to (they may describe an order only in part) and answers cancels from. A REST answer
 * is kept unless the stream already knows more (a fill, an end). Past 10,000 orders the oldest finished ones
 * are forgotten; open ones are always kept.
 */
export class KnownOrders {
  #byId = new Map<string, Order>();

  get(id: string): Order | undefined {
    return this.#byId.get(id);
  }

  byClientId(clientId: string): Order | undefined {
    if (clientId === "") return undefined;
    for (const o of this.#byId.values()) if (o.clientId === clientId) return o;
    return undefined;
  }

  /** Keeps what a REST answer said, unless the stream already knows more (a fill, an end). */
  remember(order: Order): Order {
    const known = this.#byId.get(order.id);
    const keep = known && (isTerminal(known.status) || known.filled > order.filled) &&
      !isTerminal(order.status);
    const merged = keep ? { ...known, clientId: known.clientId || order.clientId } : order;
    return this.set(merged);
  }

  /** The order as the stream now describes it. */
  set(order: Order): Order {
    this.#byId.set(order.id, order);
    if (this.#byId.size > MAX_ORDERS) this.#prune();
    return order;
  }

  #prune(): void {
    for (const [id, o] of this.#byId) {
      if (this.#byId.size <= MAX_ORDERS / 2) return;
      if (isTerminal(o.status)) this.#byId.delete(id);
    }
  }
}
