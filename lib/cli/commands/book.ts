import { formatTicks } from "../../core/mod.ts";
import { type BookRow, groupBook, groupTicks, OrderBook } from "../../book/mod.ts";
import { findInstrument } from "../../engine/find_instrument.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output } from "../output.ts";
import { formatTable } from "../table.ts";

export interface BookOptions {
  /** Rows per side. */
  readonly depth: number;
  /** Group size as decimal text; "0" = one row per level. */
  readonly group: string;
}

/** How many venue levels to fetch so that `rows` grouped rows can be filled. */
const FETCH_DEPTH = 1000;

export async function bookCommand(ctx: CommandContext, output: Output, opts: BookOptions): Promise<void> {
  const exchange = await ctx.exchange();
  const inst = await findInstrument(exchange, ctx.pair);
  const g = groupTicks(opts.group, inst.pricePrecision);
  const snap = await exchange.book(inst.symbol, g === 0 ? opts.depth : FETCH_DEPTH);
  const book = new OrderBook(inst, Math.max(opts.depth, snap.bids.length, snap.asks.length, 1));
  book.applySnapshot(snap.bids, snap.asks);
  const bids = groupBook(book, "bid", g, opts.depth);
  const asks = groupBook(book, "ask", g, opts.depth);
  const row = (r: BookRow) => ({
    price: formatTicks(r.price, inst.pricePrecision),
    qty: formatTicks(r.qty, inst.qtyPrecision),
    total: formatTicks(r.total, inst.qtyPrecision),
  });
  const value = {
    exchange: exchange.venue,
    pair: inst.symbol,
    group: opts.group,
    time: new Date(snap.time).toISOString(),
    bids: bids.map(row),
    asks: asks.map(row),
  };
  emit(output, ctx.json, value, () => {
    const lines = [...value.asks].reverse().map((r) => ["ask", r.price, r.qty, r.total]);
    const spread = asks[0] && bids[0] ? formatTicks(asks[0].price - bids[0].price, inst.pricePrecision) : "-";
    lines.push(["", `spread ${spread}`, "", ""]);
    for (const r of value.bids) lines.push(["bid", r.price, r.qty, r.total]);
    return `${inst.symbol} on ${exchange.venue}, group ${opts.group}\n` + formatTable(
      [
        { title: "side" },
        { title: `price (${inst.quote})`, align: "right" },
        { title: `volume (${inst.base})`, align: "right" },
        { title: "total", align: "right" },
      ],
      lines,
    );
  });
}
