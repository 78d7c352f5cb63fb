/**
 * What the strategy host needs from the rest of the app, and nothing more: the market, its changes, an
 * order engine, a place for state, and the ini. lib/engine's Trader and OrderEngine fit structurally
 * (trader_port.ts bridges the Trader); tests use small fakes.
 */

import type { Order, Side, TradePrinted } from "../core/mod.ts";
import type { MarketState } from "../engine/market_state.ts";

/** Mirrors lib/engine/order_engine.ts OrderRequest. */
export interface PortOrderRequest {
  readonly side: Side;
  /** Decimal text; null, "" or "0" = market order. */
  readonly price: string | null;
  readonly volume: string;
  /** "strategy:<name>" for strategy orders. */
  readonly owner?: string;
  readonly validate?: boolean;
}

/** Mirrors lib/engine/order_engine.ts OwnOrder. */
export interface PortOrder extends Order {
  readonly owner: string;
  readonly paper?: boolean;
  readonly error?: string;
}

export interface PortSubmitResult {
  readonly clientId: string;
  readonly settled: Promise<PortOrder>;
}

export interface CancelAllResult {
  readonly canceled: number;
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

/** The order engine as the host uses it (lib/engine OrderEngine fits). */
export interface OrderPort {
  /** Throws OrderDenied when a local check refuses the order (nothing was sent). */
  submit(req: PortOrderRequest): PortSubmitResult;
  /** With `by.owner`, orders of other owners are refused. */
  cancel(id: string, by?: { owner?: string }): Promise<PortOrder>;
  cancelAll(filter?: { owner?: string }): Promise<CancelAllResult>;
  /** Working orders (pending, open, unknown), own and foreign. */
  orders(): readonly PortOrder[];
  /** Any order seen this run, finished ones too, by client or venue id. */
  order?(id: string): PortOrder | undefined;
  onChange(fn: () => void): () => void;
}

/** Something in the market changed; the host reads the details from `market()`. */
export type MarketSignal =
  | { readonly kind: "book" }
  | { readonly kind: "ticker" }
  | { readonly kind: "trade"; readonly trade: TradePrinted }
  | { readonly kind: "candles" }
  | { readonly kind: "wallet" };

export interface StrategyPort {
  /** The market, null until it is known (before the trader has started). */
  market(): MarketState | null;
  /** Called synchronously on every change; listeners only take note. */
  onMarket(fn: (signal: MarketSignal) => void): () => void;
  /** null: view-only (no account or no engine); strategies' orders are then denied. */
  readonly orders: OrderPort | null;
  /** Maker fee in percent when known. */
  fee?(): number | null;
  /** "paper" when orders fill locally against the live market (`--paper`); default "live". */
  mode?(): "live" | "paper";
}

/** Strategy state across reloads and restarts (the journal, or a file beside the ini). */
export interface StateStore {
  load(name: string): Promise<unknown>;
  save(name: string, state: unknown): Promise<void>;
}

/** `[strategy.<name>]`: writes missing defaults, returns the section as text. */
export interface ConfigSource {
  section(name: string, defaults: ReadonlyArray<readonly [string, string]>): Promise<Record<string, string>>;
}

const OWNER_PREFIX = "strategy:";

export function ownerOf(name: string): string {
  return OWNER_PREFIX + name;
}

/** The strategy named in an order's owner (ownerOf); "" for an owner that is not a strategy (the UI, the CLI). */
export function strategyOfOwner(owner: string | undefined): string {
  return owner?.startsWith(OWNER_PREFIX) ? owner.slice(OWNER_PREFIX.length) : "";
}
