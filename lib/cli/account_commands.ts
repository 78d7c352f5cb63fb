import type { Command } from "commander";
import { balanceCommand } from "./commands/balance.ts";
import { cancelCommand } from "./commands/cancel.ts";
import { cancelAllCommand } from "./commands/cancel_all.ts";
import { doctorCommand } from "./commands/doctor.ts";
import { orderCommand } from "./commands/order.ts";
import { ordersCommand } from "./commands/orders.ts";
import { tradesCommand } from "./commands/trades.ts";
import type { CommandContext } from "./context.ts";
import type { Output } from "./output.ts";
import { parseIntOption } from "./parse_args.ts";

/** A command's body, run by program.ts's `run` inside an open CommandContext; a number is the exit code. */
export type CommandBody = (
  ctx: CommandContext,
  opts: Record<string, unknown>,
  args: string[],
) => Promise<void | number>;

/** program.ts's `run`: opens the context, runs the body, closes the context; errors become exit codes. */
export type RunWrapper = (body: CommandBody) => (...args: unknown[]) => Promise<void>;

/** The program's own options every command takes, by their long names. */
const SHARED = ["--config", "--exchange", "--pair", "--passphrase-file", "--password", "--paper"];

const PARTIAL = "\nExit code 4: some orders were canceled and some were not (the failures are listed).";

/** Adds the account commands (balance, orders, cancel, cancel-all, buy, sell), trades and doctor. */
export function registerAccountCommands(program: Command, run: RunWrapper, output: Output): void {
  const add = (name: string, description: string) => {
    const cmd = program.command(name).description(description);
    // The very Option objects of the program, so the commands cannot drift from it.
    for (const o of program.options) if (o.long && SHARED.includes(o.long)) cmd.addOption(o);
    return cmd.option("--json", "print one JSON object instead of a table");
  };
  /** --pair when given (before or after the command), else every pair. */
  const explicitPair = (o: Record<string, unknown>) => (o.pair === undefined ? undefined : String(o.pair));

  add("balance", "total balance per asset on the exchange")
    .action(run((ctx) => balanceCommand(ctx, output)));

  add("orders", "open orders: PyTrader's own and foreign ones (placed elsewhere), after reconciling")
    .action(run((ctx, o) => ordersCommand(ctx, output, { pair: explicitPair(o) })));

  add("cancel", "cancel orders by exchange order id or client order id")
    .argument("<id...>", "exchange order ids or client order ids")
    .addHelpText("after", PARTIAL)
    .action(run((ctx, o, args) => cancelCommand(ctx, output, { ids: args, pair: explicitPair(o) })));

  add("cancel-all", "cancel every open order (of one pair with --pair, else of every pair)")
    .addHelpText("after", PARTIAL)
    .action(run((ctx, o) => cancelAllCommand(ctx, output, { pair: explicitPair(o) })));

  for (const side of ["buy", "sell"] as const) {
    add(side, `place a ${side} order: a limit order at PRICE, or a market order with PRICE "market"`)
      .argument("<price>", 'limit price in the quote currency, or "market"')
      .argument("<volume>", "amount of the base currency")
      .option("--validate", "ask the exchange to check the order without placing it")
      .action(run((ctx, o, args) =>
        orderCommand(ctx, output, {
          side,
          price: args[0]!,
          volume: args[1]!,
          validate: Boolean(o.validate),
        })
      ));
  }

  add("trades", "the newest public trades of the pair, oldest first")
    .option("-n, --limit <n>", "how many (1-1000)", "20")
    .action(
      run((ctx, o) =>
        tradesCommand(ctx, output, { limit: parseIntOption("--limit", String(o.limit), 1, 1000) })
      ),
    );

  add("doctor", "check the setup: config, key, file modes, clock, REST, WebSocket, key permissions")
    .option("--timeout <seconds>", "how long the WebSocket may take to send its first event (1-60)", "5")
    .action(run((ctx, o) =>
      doctorCommand(ctx, output, {
        passphraseFile: o.passphraseFile === undefined ? undefined : String(o.passphraseFile),
        deadlineMs: parseIntOption("--timeout", String(o.timeout), 1, 60) * 1000,
      })
    ));
}
