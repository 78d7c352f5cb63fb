/**
 * What the UI needs of the order engine (lib/engine OrderEngine satisfies it structurally). The UI never
 * imports the engine: the composition root hands it over as `MarketFeed.engine` (the Trader's `engine`).
 */

import type { Order, Side } from "../core/orders.ts";

/** An order as the engine tracks it, with who placed it. */
export interface PortOrder extends Order {
  /** "ui" | "cli" | "strategy:<name>" | "foreign" (placed outside PyTrader). */
  readonly owner: string;
  /** Why the venue refused it, for rejected orders. */
  readonly error?: string;
}

export interface PortOrderRequest {
  readonly side: Side;
  /** Decimal text as typed; null = market order. */
  readonly price: string | null;
  /** Decimal text as typed, base currency. */
  readonly volume: string;
  readonly owner: string;
}

export interface PortSubmit {
  readonly clientId: string;
  /** Resolves once the outcome is known: open, filled, rejected, or unknown (awaiting reconciliation). */
  readonly settled: Promise<PortOrder>;
}

export interface OrderPort {
  /** Throws OrderDenied (nothing sent) when a local check refuses the order. */
  submit(req: PortOrderRequest): PortSubmit;
  /** `id`: the venue id, or the client id while the venue has not acknowledged the order. */
  cancel(id: string): Promise<PortOrder>;
  /** Open, pending and unknown orders. */
  orders(): readonly PortOrder[];
  onChange(fn: () => void): () => void;
}
