import { openAccount } from "../account.ts";
import { cancelOrders } from "../cancel_orders.ts";
import { cancelReport, printReport } from "../cancel_report.ts";
import type { CommandContext } from "../context.ts";
import type { Output } from "../output.ts";

export interface CancelAllOptions {
  /** Only this pair; undefined: every pair with open orders. */
  readonly pair?: string;
}

/**
 * `pytrader cancel-all`: cancels every live order (own of any owner, and foreign ones) after reconciling;
 * returns the exit code (4 when only some were canceled).
 */
export async function cancelAllCommand(
  ctx: CommandContext,
  output: Output,
  opts: CancelAllOptions,
): Promise<number> {
  using account = await openAccount(ctx, { pair: opts.pair });
  const venue = account.exchange.venue;
  const ids = account.engines.flatMap((e) => e.orders().map((o) => o.clientId || o.id));
  const report = cancelReport(venue, await cancelOrders(venue, account.engines, ids));
  printReport(output, ctx.json, report);
  return report.code;
}
