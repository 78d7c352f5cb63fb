import { Command, CommanderError, Option } from "commander";
import { UsageError, venueList, venueNamed, VERSION } from "../core/mod.ts";
import { HISTORY_TIMEFRAMES } from "../config/mod.ts";
import { registerAccountCommands } from "./account_commands.ts";
import { addSecret } from "./commands/add_secret.ts";
import { bookCommand } from "./commands/book.ts";
import { candlesCommand } from "./commands/candles.ts";
import { tickerCommand } from "./commands/ticker.ts";
import { recordCommand } from "./commands/record.ts";
import { replayCommand } from "./commands/replay.ts";
import { type CliDeps, type CommandContext, type GlobalOptions, openContext } from "./context.ts";
import { EXIT, exitCodeOf } from "./exit_codes.ts";
import { emitError, type Output, stdOutput } from "./output.ts";
import { parseChoice, parseDecimalOption, parseIntOption } from "./parse_args.ts";

/** Starts the full-screen UI; supplied by main.ts so the command line does not depend on the UI. */
export type UiStarter = (ctx: CommandContext, opts: GlobalOptions & { strategy?: string }) => Promise<number>;

const EXIT_HELP = `
Exit codes:
  0  ok
  1  runtime or exchange failure (network, venue error)
  2  usage error: unknown command or option, bad value, unknown pair, broken config file
  3  authentication failure: wrong passphrase or key rejected by the venue
  4  partial failure: some of several operations failed

Examples:
  pytrader                               open the live market screen (sim exchange by default)
  pytrader book --depth 10 --group 1     the order book, 10 rows a side, grouped in steps of 1
  pytrader ticker --exchange sim --json  the ticker as one JSON object
  pytrader candles --timeframe 60 --limit 24`;

function common(cmd: Command): Command {
  return cmd
    .addOption(new Option("-c, --config <file>", "config file").default("pytrader.ini"))
    .option("-e, --exchange <name>", "exchange to use (overrides [pytrader] exchange)")
    .option("-p, --pair <pair>", "currency pair, e.g. BTC/USD (overrides [pytrader] pair)")
    .option(
      "--passphrase-file <file>",
      "read the stored key's passphrase from the first line of FILE (keep it mode 600); " +
        "or set PYTRADER_PASSPHRASE",
    )
    .option(
      "--password <passphrase>",
      "passphrase for the stored key. Dangerous: it can end up in your shell history; " +
        "scripts should use PYTRADER_PASSPHRASE or --passphrase-file",
    );
}

/** The exchanges, from the venue descriptors: name, title and whether a key opens an account. */
function exchangesHelp(deps: CliDeps): string {
  const width = Math.max(...deps.venues.map((v) => v.name.length));
  const rows = deps.venues.map((v) =>
    `  ${v.name.padEnd(width)}  ${v.title}${v.keys ? " (trading with a stored key: --add-secret)" : ""}`
  );
  return `\nExchanges (--exchange, [pytrader] exchange):\n${rows.join("\n")}\n`;
}

function withJson(cmd: Command): Command {
  return cmd.option("--json", "print one JSON object instead of a table");
}

/** Runs the command line and returns the process exit code; never throws, never calls Deno.exit. */
export async function runCli(
  argv: readonly string[],
  deps: CliDeps,
  startUi: UiStarter,
  output: Output = stdOutput,
): Promise<number> {
  let code: number = EXIT.ok;
  // `deno task start -- book` hands the program a literal "--" first: it separates the task's arguments,
  // not the program's options from its operands.
  if (argv[0] === "--") argv = argv.slice(1);
  let json = argv.includes("--json");

  const run =
    (fn: (ctx: CommandContext, opts: Record<string, unknown>, args: string[]) => Promise<void | number>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
      json = Boolean(opts.json);
      if (opts.exchange !== undefined && !venueNamed(deps.venues, opts.exchange)) {
        throw new UsageError(
          `Cannot use exchange "${opts.exchange}": the exchanges are ${venueList(deps.venues)}`,
        );
      }
      const ctx = await openContext(opts, deps, cmd.name() === "pytrader" && !opts.addSecret);
      try {
        const r = await fn(ctx, opts, cmd.args);
        if (typeof r === "number") code = r;
      } finally {
        await ctx.close();
      }
    };

  const program = common(new Command("pytrader"))
    .description("Live market data, keyboard trading and trading bots for crypto exchanges, in the terminal.")
    .version(VERSION, "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show help for a command")
    .option("-s, --strategy <list>", "strategies to load, comma separated (e.g. balancer,buy,sell)")
    .option(
      "--add-secret",
      "ask for the exchange's API key and secret, store them encrypted in the ini, and exit",
    )
    .option("--paper", "paper trading: live market data, own orders filled locally against the live book")
    .addHelpText("after", exchangesHelp(deps) + EXIT_HELP)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => output.out(s.trimEnd()),
      writeErr: () => {},
    })
    .action(run(async (ctx, opts) => {
      if (opts.addSecret) return await addSecret(ctx.io, ctx.config, ctx.venue);
      await ctx.unlock();
      return await startUi(ctx, opts as unknown as GlobalOptions & { strategy?: string });
    }));

  withJson(common(program.command("ticker").description("best bid, ask, last price and 24 h volume")))
    .action(run((ctx) => tickerCommand(ctx, output)));

  withJson(common(program.command("book").description("the order book, asks above bids")))
    .option("-d, --depth <n>", "rows per side (1-1000)", "20")
    .option("-g, --group <size>", "group levels into price bins of this size (0 = none)", "0")
    .action(run((ctx, o) =>
      bookCommand(ctx, output, {
        depth: parseIntOption("--depth", String(o.depth), 1, 1000),
        group: parseDecimalOption("--group", String(o.group)),
      })
    ));

  withJson(common(program.command("candles").description("OHLCV candles, oldest first")))
    .option("-t, --timeframe <minutes>", `candle length: ${HISTORY_TIMEFRAMES.join(", ")}`)
    .option("-n, --limit <n>", "how many of the newest candles (1-720)", "20")
    .action(run((ctx, o) =>
      candlesCommand(ctx, output, {
        timeframe: o.timeframe === undefined
          ? ctx.config.settings.pytrader.history_timeframe
          : parseChoice("--timeframe", String(o.timeframe), HISTORY_TIMEFRAMES),
        limit: parseIntOption("--limit", String(o.limit), 1, 720),
      })
    ));

  withJson(
    common(program.command("record").description("write every raw market data frame of a pair to NDJSON")),
  )
    .requiredOption("-o, --out <file>", "file to write (replaced if it exists)")
    .option("--duration <seconds>", "stop after this many seconds (default: at Ctrl-C)")
    .option("-d, --depth <n>", "book levels to subscribe to (default: [pytrader] orderbook_depth)")
    .action(run((ctx, o) =>
      recordCommand(ctx, output, {
        out: String(o.out),
        duration: o.duration === undefined
          ? undefined
          : parseIntOption("--duration", String(o.duration), 1, 31_536_000),
        depth: o.depth === undefined ? undefined : parseIntOption("--depth", String(o.depth), 1, 1000),
      })
    ));

  withJson(
    common(program.command("replay").description("replay a recording offline and report what happened")),
  )
    .argument("<file>", "NDJSON recording made by pytrader record")
    .action(run((ctx, o, args) =>
      replayCommand(
        ctx,
        output,
        { file: args[0]!, pair: o.pair === undefined ? undefined : String(o.pair) },
        deps.replayDecoders,
      )
    ));

  registerAccountCommands(program, run, output);

  // --strategy is the root's option too, which commander gives to the root wherever it stands.
  common(
    program.command("run").description(
      "run strategies without the screen, for servers (Ctrl-C or SIGTERM stops)",
    ),
  )
    .option("--paper", "paper trading: live market data, own orders filled locally against the live book")
    .addHelpText("after", "\nNeeds --strategy <list>, e.g. pytrader run --strategy balancer,buy,sell")
    .action(run(async (ctx, o) => {
      if (typeof o.strategy !== "string" || o.strategy.trim() === "") {
        throw new UsageError("Cannot run: --strategy is required, e.g. pytrader run --strategy balancer");
      }
      if (!deps.startHeadless) throw new TypeError("runCli: no headless starter given");
      await ctx.unlock();
      return await deps.startHeadless(ctx, { strategy: o.strategy });
    }));

  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: () => {} });
  }

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help"
      ) {
        return EXIT.ok;
      }
      const usage = usageMessage(e, program);
      emitError(output, json, new UsageError(usage.text), usage.hint);
      return EXIT.usage;
    }
    const exit = exitCodeOf(e);
    const hint = (e as { hint?: string }).hint ??
      (exit === EXIT.usage ? "Run 'pytrader --help' for the commands and options." : undefined);
    emitError(output, json, e, hint);
    return exit;
  }
  return code;
}

/**
 * The one-line explanation of a commander error. An operand before any command that names no command is an
 * unknown command, whatever else is wrong on the line (`pytrader frobnicate --json`); stray operands of a
 * known command say so (`pytrader book -- extra`) instead of calling the command unknown.
 */
function usageMessage(e: CommanderError, program: Command): { text: string; hint: string } {
  const rootHint = "Run 'pytrader --help' for the commands and options.";
  // Flags of the commands that take no value (--json, --validate) may come before the command's name.
  const flags = new Set(
    program.commands.flatMap((c) => c.options.filter((o) => !o.required && !o.optional).map((o) => o.long)),
  );
  const first = program.args.find((a) => !flags.has(a));
  const sub = first === undefined ? undefined : program.commands.find((c) => c.name() === first);
  if (first !== undefined && sub === undefined && !first.startsWith("-")) {
    const others = program.commands.map((c) => c.name()).join(", ");
    return { text: `Unknown command "${first}"; the commands are ${others}`, hint: rootHint };
  }
  if (sub !== undefined && e.code === "commander.excessArguments") {
    const stray = sub.args.slice(sub.registeredArguments.length);
    const takes = sub.registeredArguments.length === 0
      ? "takes no arguments"
      : `takes ${sub.registeredArguments.map((a) => `<${a.name()}>`).join(" ")}`;
    return {
      text: `Cannot run ${sub.name()}: unexpected ${stray.length === 1 ? "argument" : "arguments"} ${
        stray.map((a) => `"${a}"`).join(" ")
      } (${sub.name()} ${takes})`,
      hint: `Run 'pytrader ${sub.name()} --help' for its options.`,
    };
  }
  const message = e.message.replace(/^error: /, "");
  return { text: message.charAt(0).toUpperCase() + message.slice(1), hint: rootHint };
}
