/**
 * Every command of the program, its options, operands and help text: the one table that both the fast
 * parser (argv.ts) and the commander program (program.ts, for --help and errors) are built from. Each body
 * loads its command's modules when it runs, so a command loads only what it uses.
 */
import { UsageError } from "../core/mod.ts";
import { HISTORY_TIMEFRAMES } from "../config/mod.ts";
import type { CommandSpec, CommandTable, OptionSpec } from "./command_spec.ts";
import type { CliDeps, GlobalOptions } from "./context.ts";
import { parseChoice, parseDecimalOption, parseIntOption } from "./parse_args.ts";

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

const PARTIAL = "\nExit code 4: some orders were canceled and some were not (the failures are listed).";

/** Options every command takes. */
const COMMON: readonly OptionSpec[] = [
  { flags: "-c, --config <file>", description: "config file", default: "pytrader.ini" },
  { flags: "-e, --exchange <name>", description: "exchange to use (overrides [pytrader] exchange)" },
  { flags: "-p, --pair <pair>", description: "currency pair, e.g. BTC/USD (overrides [pytrader] pair)" },
  {
    flags: "--passphrase-file <file>",
    description: "read the stored key's passphrase from the first line of FILE (keep it mode 600); " +
      "or set PYTRADER_PASSPHRASE",
  },
  {
    flags: "--password <passphrase>",
    description: "passphrase for the stored key. Dangerous: it can end up in your shell history; " +
      "scripts should use PYTRADER_PASSPHRASE or --passphrase-file",
  },
];

const PAPER: OptionSpec = {
  flags: "--paper",
  description: "paper trading: live market data, own orders filled locally against the live book",
};

const JSON_OUTPUT: OptionSpec = { flags: "--json", description: "print one JSON object instead of a table" };

/** The account commands, trades and doctor take `--paper` too, like the screen. */
const ACCOUNT: readonly OptionSpec[] = [...COMMON, PAPER, JSON_OUTPUT];

/** The exchanges, from the venue descriptors: name, title and whether a key opens an account. */
function exchangesHelp(deps: CliDeps): string {
  const width = Math.max(...deps.venues.map((v) => v.name.length));
  const rows = deps.venues.map((v) =>
    `  ${v.name.padEnd(width)}  ${v.title}${v.keys ? " (trading with a stored key: --add-secret)" : ""}`
  );
  return `\nExchanges (--exchange, [pytrader] exchange):\n${rows.join("\n")}\n`;
}

/** An option's value as text when it was given, else undefined (--pair: then every pair). */
const given = (value: unknown) => (value === undefined ? undefined : String(value));

function orderCommand(side: "buy" | "sell"): CommandSpec {
  return {
    name: side,
    description: `place a ${side} order: a limit order at PRICE, or a market order with PRICE "market"`,
    options: [...ACCOUNT, {
      flags: "--validate",
      description: "ask the exchange to check the order without placing it",
    }],
    arguments: [
      { name: "<price>", description: 'limit price in the quote currency, or "market"' },
      { name: "<volume>", description: "amount of the base currency" },
    ],
    run: async (ctx, o, args, { output }) => {
      const { orderCommand } = await import("./commands/order.ts");
      return orderCommand(ctx, output, {
        side,
        price: args[0]!,
        volume: args[1]!,
        validate: Boolean(o.validate),
      });
    },
  };
}

export const COMMANDS: CommandTable = {
  root: {
    name: "pytrader",
    description: "Live market data, keyboard trading and trading bots for crypto exchanges, in the terminal.",
    help: { flags: "-h, --help", description: "show help for a command" },
    options: [
      ...COMMON,
      { flags: "-V, --version", description: "print the version and exit", version: true },
      {
        flags: "-s, --strategy <list>",
        description: "strategies to load, comma separated (e.g. balancer,buy,sell)",
      },
      {
        flags: "--add-secret",
        description: "ask for the exchange's API key and secret, store them encrypted in the ini, and exit",
      },
      PAPER,
    ],
    helpAfter: (deps) => exchangesHelp(deps) + EXIT_HELP,
    run: async (ctx, opts, _args, { startUi }) => {
      if (opts.addSecret) {
        const { addSecret } = await import("./commands/add_secret.ts");
        return await addSecret(ctx.io, ctx.config, ctx.venue);
      }
      await ctx.unlock();
      return await startUi(ctx, opts as unknown as GlobalOptions & { strategy?: string });
    },
  },
  commands: [
    {
      name: "ticker",
      description: "best bid, ask, last price and 24 h volume",
      options: [...COMMON, JSON_OUTPUT],
      run: async (ctx, _o, _args, { output }) => {
        const { tickerCommand } = await import("./commands/ticker.ts");
        return tickerCommand(ctx, output);
      },
    },
    {
      name: "book",
      description: "the order book, asks above bids",
      options: [
        ...COMMON,
        JSON_OUTPUT,
        { flags: "-d, --depth <n>", description: "rows per side (1-1000)", default: "20" },
        {
          flags: "-g, --group <size>",
          description: "group levels into price bins of this size (0 = none)",
          default: "0",
        },
      ],
      run: async (ctx, o, _args, { output }) => {
        const depth = parseIntOption("--depth", String(o.depth), 1, 1000);
        const group = parseDecimalOption("--group", String(o.group));
        const { bookCommand } = await import("./commands/book.ts");
        return bookCommand(ctx, output, { depth, group });
      },
    },
    {
      name: "candles",
      description: "OHLCV candles, oldest first",
      options: [
        ...COMMON,
        JSON_OUTPUT,
        {
          flags: "-t, --timeframe <minutes>",
          description: `candle length: ${HISTORY_TIMEFRAMES.join(", ")}`,
        },
        { flags: "-n, --limit <n>", description: "how many of the newest candles (1-720)", default: "20" },
      ],
      run: async (ctx, o, _args, { output }) => {
        const timeframe = o.timeframe === undefined
          ? ctx.config.settings.pytrader.history_timeframe
          : parseChoice("--timeframe", String(o.timeframe), HISTORY_TIMEFRAMES);
        const limit = parseIntOption("--limit", String(o.limit), 1, 720);
        const { candlesCommand } = await import("./commands/candles.ts");
        return candlesCommand(ctx, output, { timeframe, limit });
      },
    },
    {
      name: "record",
      description: "write every raw market data frame of a pair to NDJSON",
      options: [
        ...COMMON,
        JSON_OUTPUT,
        { flags: "-o, --out <file>", description: "file to write (replaced if it exists)", mandatory: true },
        { flags: "--duration <seconds>", description: "stop after this many seconds (default: at Ctrl-C)" },
        {
          flags: "-d, --depth <n>",
          description: "book levels to subscribe to (default: [pytrader] orderbook_depth)",
        },
      ],
      run: async (ctx, o, _args, { output }) => {
        const duration = o.duration === undefined
          ? undefined
          : parseIntOption("--duration", String(o.duration), 1, 31_536_000);
        const depth = o.depth === undefined ? undefined : parseIntOption("--depth", String(o.depth), 1, 1000);
        const { recordCommand } = await import("./commands/record.ts");
        return recordCommand(ctx, output, { out: String(o.out), duration, depth });
      },
    },
    {
      name: "replay",
      description: "replay a recording offline and report what happened",
      options: [...COMMON, JSON_OUTPUT],
      arguments: [{ name: "<file>", description: "NDJSON recording made by pytrader record" }],
      run: async (ctx, o, args, { output, deps }) => {
        const { replayCommand } = await import("./commands/replay.ts");
        return replayCommand(
          ctx,
          output,
          { file: args[0]!, pair: given(o.pair) },
          deps.replayDecoders,
        );
      },
    },
    {
      name: "backtest",
      description: "run strategies against a recording, filled like --paper, and report how they did",
      // --strategy is the root's option, which is taken wherever it stands on the line.
      options: [
        ...COMMON,
        JSON_OUTPUT,
        {
          flags: "--balances <list>",
          description: "starting balances, e.g. BTC=1,USD=60000 (default: [paper])",
        },
        {
          flags: "--fee-bps <n>",
          description: "maker and taker fee in basis points, e.g. 10 = 0.10 % (default: [paper] fees)",
        },
        {
          flags: "--latency-ms <n>",
          description: "each order and cancel reaches the matching engine this much later (0-10000)",
          default: "0",
        },
      ],
      arguments: [{ name: "<file>", description: "NDJSON recording made by pytrader record" }],
      helpAfter: () =>
        "\nNeeds --strategy <list>, e.g. pytrader backtest rec.ndjson --strategy balancer,buy,sell",
      run: async (ctx, o, args, { output, deps }) => {
        const { backtestCommand, MAX_LATENCY_MS } = await import("./commands/backtest.ts");
        return backtestCommand(ctx, output, {
          file: args[0]!,
          strategy: typeof o.strategy === "string" ? o.strategy : undefined,
          pair: given(o.pair),
          balances: given(o.balances),
          feeBps: given(o.feeBps),
          latencyMs: parseIntOption("--latency-ms", String(o.latencyMs), 0, MAX_LATENCY_MS),
        }, { decoders: deps.replayDecoders, paper: deps.paper });
      },
    },
    {
      name: "balance",
      description: "total balance per asset on the exchange",
      options: ACCOUNT,
      run: async (ctx, _o, _args, { output }) => {
        const { balanceCommand } = await import("./commands/balance.ts");
        return balanceCommand(ctx, output);
      },
    },
    {
      name: "orders",
      description: "open orders: PyTrader's own and foreign ones (placed elsewhere), after reconciling",
      options: ACCOUNT,
      run: async (ctx, o, _args, { output }) => {
        const { ordersCommand } = await import("./commands/orders.ts");
        return ordersCommand(ctx, output, { pair: given(o.pair) });
      },
    },
    {
      name: "cancel",
      description: "cancel orders by exchange order id or client order id",
      options: ACCOUNT,
      arguments: [{ name: "<id...>", description: "exchange order ids or client order ids" }],
      helpAfter: () => PARTIAL,
      run: async (ctx, o, args, { output }) => {
        const { cancelCommand } = await import("./commands/cancel.ts");
        return cancelCommand(ctx, output, { ids: [...args], pair: given(o.pair) });
      },
    },
    {
      name: "cancel-all",
      description: "cancel every open order (of one pair with --pair, else of every pair)",
      options: ACCOUNT,
      helpAfter: () => PARTIAL,
      run: async (ctx, o, _args, { output }) => {
        const { cancelAllCommand } = await import("./commands/cancel_all.ts");
        return cancelAllCommand(ctx, output, { pair: given(o.pair) });
      },
    },
    orderCommand("buy"),
    orderCommand("sell"),
    {
      name: "trades",
      description: "the newest public trades of the pair, oldest first",
      options: [...ACCOUNT, { flags: "-n, --limit <n>", description: "how many (1-1000)", default: "20" }],
      run: async (ctx, o, _args, { output }) => {
        const limit = parseIntOption("--limit", String(o.limit), 1, 1000);
        const { tradesCommand } = await import("./commands/trades.ts");
        return tradesCommand(ctx, output, { limit });
      },
    },
    {
      name: "doctor",
      description: "check the setup: config, key, file modes, clock, REST, WebSocket, key permissions",
      options: [...ACCOUNT, {
        flags: "--timeout <seconds>",
        description: "how long the WebSocket may take to send its first event (1-60)",
        default: "5",
      }],
      run: async (ctx, o, _args, { output }) => {
        const deadlineMs = parseIntOption("--timeout", String(o.timeout), 1, 60) * 1000;
        const { doctorCommand } = await import("./commands/doctor.ts");
        return doctorCommand(ctx, output, {
          passphraseFile: given(o.passphraseFile),
          deadlineMs,
        });
      },
    },
    {
      name: "run",
      description: "run strategies without the screen, for servers (Ctrl-C or SIGTERM stops)",
      // --strategy is the root's option, which is taken wherever it stands on the line.
      options: [...COMMON, PAPER],
      helpAfter: () => "\nNeeds --strategy <list>, e.g. pytrader run --strategy balancer,buy,sell",
      run: async (ctx, o, _args, { deps }) => {
        if (typeof o.strategy !== "string" || o.strategy.trim() === "") {
          throw new UsageError("Cannot run: --strategy is required, e.g. pytrader run --strategy balancer");
        }
        if (!deps.startHeadless) throw new TypeError("runCli: no headless starter given");
        await ctx.unlock();
        return await deps.startHeadless(ctx, { strategy: o.strategy });
      },
    },
  ],
};
