/**
 * What a venue may offer beyond `Exchange`, each an interface with a type guard, so that the engine, the
 * commands and wrappers (paper) find a capability without casting. A venue folder implements the ones its
 * protocol supports; the conformance suite (tests/exchanges/conformance.ts) checks them.
 */
import type { Balances, BookSnapshot, BookUpdate } from "./events.ts";
import type { BookReader, Exchange } from "./exchange.ts";
import type { FrameTap } from "./frames.ts";
import type { Instrument } from "./instrument.ts";
import type { Order } from "./orders.ts";

/** Which order to look up: by client id, and by venue id when the venue has acknowledged it. */
export interface OrderRef {
  readonly symbol: string;
  readonly clientId: string;
  readonly venueId?: string;
}

/**
 * The venue's record of one order, open or closed, found by client id (Kraken QueryOrders/ClosedOrders by
 * cl_ord_id, Bitstamp `order_status`, Poloniex `/orders/cid:<id>`): how an order whose outcome is unknown is
 * settled.
 */
export interface OrderLookup {
  /** The order as the venue has it; null when the venue has no such order. Network failures throw. */
  queryOrder(ref: OrderRef): Promise<Order | null>;
}

/** Every raw inbound frame, REST and WebSocket, for `pytrader record`. */
export interface FrameSource {
  /** Returns the unsubscribe. */
  onFrame(tap: FrameTap): () => void;
}

/** Venues that stream a different depth than asked (Kraken streams 25 for 10, so promotions verify). */
export interface StreamedDepth {
  /** The levels per side the local book must keep, and truncate to, for a requested depth. */
  bookDepth(requested: number): number;
}

/**
 * Venues whose book messages carry something to check the local book against (Kraken's CRC32). The owner
 * of the book (the Trader, paper, replay) calls it after applying each book event.
 */
export interface BookVerifier {
  /** null when `book` agrees with the venue after `ev` was applied, else what disagrees. */
  verifyBook(instrument: Instrument, book: BookReader, ev: BookSnapshot | BookUpdate): string | null;
}

/** Venues that can be asked for a fresh book snapshot when the local book was found wrong above them. */
export interface BookResync {
  resync(symbol: string): Promise<void>;
}

/** Own orders are filled locally against the live book (`--paper`); nothing is sent to the venue. */
export interface PaperVenue {
  readonly paper: true;
  /** Balances minus what open paper orders hold. */
  availableBalances(): Balances;
}

/** An exchange seen with every optional capability it may have. */
export type AnyVenue =
  & Exchange
  & Partial<OrderLookup & FrameSource & StreamedDepth & BookVerifier & BookResync & PaperVenue>;

export function canLookUpOrders(x: Exchange): x is Exchange & OrderLookup {
  return typeof (x as AnyVenue).queryOrder === "function";
}

export function isFrameSource(x: Exchange): x is Exchange & FrameSource {
  return typeof (x as AnyVenue).onFrame === "function";
}

export function streamsDepth(x: Exchange): x is Exchange & StreamedDepth {
  return typeof (x as AnyVenue).bookDepth === "function";
}

export function verifiesBook(x: Exchange): x is Exchange & BookVerifier {
  return typeof (x as AnyVenue).verifyBook === "function";
}

export function canResync(x: Exchange): x is Exchange & BookResync {
  return typeof (x as AnyVenue).resync === "function";
}

export function isPaper(x: Exchange): x is Exchange & PaperVenue {
  return (x as AnyVenue).paper === true;
}

/** The depth to keep locally for a requested depth on `x`. */
export function keptDepth(x: Exchange, requested: number): number {
  return streamsDepth(x) ? x.bookDepth(requested) : requested;
}

/** Capabilities a wrapper (paper) passes through from the venue it wraps: market-data ones only. */
const MARKET_CAPABILITIES = ["onFrame", "bookDepth", "verifyBook", "resync", "trades", "serverTime"] as const;

/**
 * Copies the market-data capabilities `from` has onto `target`, bound to `from`, so a wrapper offers
 * exactly what the wrapped venue offers and never a capability it lacks.
 */
export function forwardMarketCapabilities(target: object, from: Exchange): void {
  const source = from as AnyVenue;
  for (const name of MARKET_CAPABILITIES) {
    const fn = source[name];
    if (typeof fn === "function") {
      Object.defineProperty(target, name, { value: fn.bind(from), enumerable: false });
    }
  }
}
