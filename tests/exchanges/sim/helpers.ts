import type { ExchangeEvent, PriceLevel, SubmitOrder } from "../../../lib/core/mod.ts";
import { createSim, type SimExchange, type SimOptions } from "../../../exchanges/sim/mod.ts";

export const START = Date.UTC(2024, 4, 1, 12, 30, 15);

export class FakeClock {
  constructor(public time = START) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A sim that only moves when told to, on a fake clock. */
export function quietSim(options: SimOptions = {}): { sim: SimExchange; clock: FakeClock } {
  const clock = new FakeClock();
  return { sim: createSim({ auto: false, clock, ...options }), clock };
}

/** Takes every event queued so far, without waiting for more. */
export async function drain(sim: SimExchange): Promise<ExchangeEvent[]> {
  const stream = sim.events();
  const it = stream[Symbol.asyncIterator]();
  const out: ExchangeEvent[] = [];
  for (let n = stream.size; n > 0; n--) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

export function ofKind<K extends ExchangeEvent["kind"]>(
  events: readonly ExchangeEvent[],
  kind: K,
): Extract<ExchangeEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<ExchangeEvent, { kind: K }> => e.kind === kind);
}

let nextClientId = 0;

export function limit(
  symbol: string,
  side: "buy" | "sell",
  price: number,
  qty: number,
  clientId?: string,
): SubmitOrder {
  return {
    kind: "SubmitOrder",
    clientId: clientId ?? `c${++nextClientId}`,
    symbol,
    side,
    type: "limit",
    price,
    qty,
  };
}

export function market(symbol: string, side: "buy" | "sell", qty: number, clientId?: string): SubmitOrder {
  return {
    kind: "SubmitOrder",
    clientId: clientId ?? `c${++nextClientId}`,
    symbol,
    side,
    type: "market",
    price: null,
    qty,
  };
}

/** Levels from [price, qty] pairs. */
export function levels(...pairs: [number, number][]): PriceLevel[] {
  return pairs.map(([price, qty]) => ({ price, qty }));
}

/** A local book fed by snapshot + updates, as a consumer keeps it. */
export class LocalBook {
  bids = new Map<number, number>();
  asks = new Map<number, number>();

  apply(ev: ExchangeEvent): void {
    if (ev.kind === "BookSnapshot") {
      this.bids = new Map(ev.bids.map((l) => [l.price, l.qty]));
      this.asks = new Map(ev.asks.map((l) => [l.price, l.qty]));
    } else if (ev.kind === "BookUpdate") {
      for (const l of ev.bids) l.qty === 0 ? this.bids.delete(l.price) : this.bids.set(l.price, l.qty);
      for (const l of ev.asks) l.qty === 0 ? this.asks.delete(l.price) : this.asks.set(l.price, l.qty);
    }
  }

  /** Best first. */
  sides(): { bids: PriceLevel[]; asks: PriceLevel[] } {
    const list = (m: Map<number, number>, dir: number) =>
      [...m].map(([price, qty]) => ({ price, qty })).sort((a, b) => dir * (a.price - b.price));
    return { bids: list(this.bids, -1), asks: list(this.asks, 1) };
  }
}
