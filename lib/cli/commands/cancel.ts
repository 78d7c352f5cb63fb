import { openAccount } from "../account.ts";
import { cancelOrders } from "../cancel_orders.ts";
import { cancelReport, printReport } from "../cancel_report.ts";
import type { CommandContext } from "../context.ts";
import type { Output } from "../output.ts";

export interface CancelOptions {
  /** Venue order ids or client order ids. */
  readonly ids: readonly string[];
  /** Only look among this pair's orders; undefined: every pair. */
  readonly pair?: string;
}

/** `pytrader cancel ID...`: cancels each order; returns the exit code (4 when only some were canceled). */
export async function cancelCommand(
  ctx: CommandContext,
  output: Output,
  opts: CancelOptions,
): Promise<number> {
  using account = await openAccount(ctx, { pair: opts.pair });
  const venue = account.exchange.venue;
  const report = cancelReport(venue, await cancelOrders(venue, account.engines, opts.ids));
  printReport(output, ctx.json, report);
  return report.code;
}
