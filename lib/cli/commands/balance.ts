import type { Balances } from "../../core/mod.ts";
import { type CommandContext, unlockedExchange } from "../context.ts";
import { emit, type Output } from "../output.ts";
import { formatTable } from "../table.ts";

/** `pytrader balance`: total balance per asset, as the venue reports it (asset codes normalised). */
export async function balanceCommand(ctx: CommandContext, output: Output): Promise<void> {
  const exchange = await unlockedExchange(ctx);
  const balances = sorted(await exchange.balances());
  emit(output, ctx.json, { exchange: exchange.venue, balances }, () => balanceTable(balances));
}

function sorted(b: Balances): Record<string, string> {
  return Object.fromEntries(Object.entries(b).sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0)));
}

function balanceTable(balances: Balances): string {
  const rows = Object.entries(balances).map(([asset, amount]) => [asset, amount]);
  if (rows.length === 0) return "no balances";
  return formatTable([{ title: "asset" }, { title: "balance", align: "right" }], rows);
}
