import { formatTicks, type Instrument } from "../core/mod.ts";
import { FOREIGN, type OwnOrder } from "../engine/mod.ts";
import { type Column, formatTable } from "./table.ts";

/** An order as `--json` shows it: amounts as decimal text at the pair's precision. */
export interface OrderJson {
  readonly id: string;
  readonly clientId: string;
  readonly pair: string;
  readonly side: string;
  readonly type: string;
  /** null for a market order. */
  readonly price: string | null;
  readonly volume: string;
  readonly filled: string;
  readonly status: string;
  /** "ui", "cli", "strategy:<name>" or "foreign" (placed outside PyTrader). */
  readonly owner: string;
  readonly foreign: boolean;
  readonly time: string;
  /** Why it was rejected or why its outcome is unknown. */
  readonly error?: string;
}

export function orderJson(o: OwnOrder, inst: Instrument, status: string = o.status): OrderJson {
  return {
    id: o.id,
    clientId: o.clientId,
    pair: o.symbol,
    side: o.side,
    type: o.type,
    price: o.price === null ? null : formatTicks(o.price, inst.pricePrecision),
    volume: formatTicks(o.qty, inst.qtyPrecision),
    filled: formatTicks(o.filled, inst.qtyPrecision),
    status,
    owner: o.owner,
    foreign: o.owner === FOREIGN,
    time: new Date(o.time).toISOString(),
    ...(o.error === undefined ? {} : { error: o.error }),
  };
}

const COLUMNS: readonly Column[] = [
  { title: "id" },
  { title: "client id" },
  { title: "pair" },
  { title: "side" },
  { title: "type" },
  { title: "price", align: "right" },
  { title: "volume", align: "right" },
  { title: "filled", align: "right" },
  { title: "status" },
  { title: "owner" },
];

/** The orders as an aligned table; foreign orders say so in the owner column. */
export function ordersTable(orders: readonly OrderJson[]): string {
  return formatTable(
    COLUMNS,
    orders.map((o) => [
      o.id || "-",
      o.clientId || "-",
      o.pair,
      o.side,
      o.type,
      o.price ?? "market",
      o.volume,
      o.filled,
      o.status,
      o.owner,
    ]),
  );
}
