import { openAccount } from "../account.ts";
import type { CommandContext } from "../context.ts";
import { orderJson, ordersTable } from "../order_view.ts";
import { emit, type Output } from "../output.ts";

export interface OrdersOptions {
  /** Only this pair; undefined: every pair. */
  readonly pair?: string;
}

/**
 * `pytrader orders`: the live orders (open, pending, unknown) after reconciling the journal with the
 * venue: PyTrader's own (any owner) and foreign ones, marked.
 */
export async function ordersCommand(ctx: CommandContext, output: Output, opts: OrdersOptions): Promise<void> {
  using account = await openAccount(ctx, { pair: opts.pair });
  const orders = account.engines.flatMap((e) => e.orders().map((o) => orderJson(o, e.instrument)));
  emit(
    output,
    ctx.json,
    { exchange: account.exchange.venue, orders },
    () => orders.length === 0 ? `no open orders on ${account.exchange.venue}` : ordersTable(orders),
  );
}
