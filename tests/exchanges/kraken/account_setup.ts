import { createKraken, type KrakenExchange, type KrakenOptions } from "../../../exchanges/kraken/mod.ts";
import type { ExchangeEvent } from "../../../lib/core/mod.ts";
import { Logger, type LogRecord, MemorySink } from "../../../lib/log/mod.ts";
import type { FakeKey } from "../../fakes/kraken/private_rest.ts";
import { FAKE_KEY, FakeKraken } from "../../fakes/kraken/server.ts";
import { FakeTimers } from "../../net/fake_timers.ts";
import { eventually } from "../../eventually.ts";

/** Every event of an adapter, collected as it arrives. */
export class EventLog {
  readonly all: ExchangeEvent[] = [];
  readonly done: Promise<void>;

  constructor(exchange: KrakenExchange) {
    this.done = (async () => {
      for await (const ev of exchange.events()) this.all.push(ev);
    })();
  }

  of<K extends ExchangeEvent["kind"]>(kind: K): Extract<ExchangeEvent, { kind: K }>[] {
    return this.all.filter((e) => e.kind === kind) as Extract<ExchangeEvent, { kind: K }>[];
  }

  /** Waits for the first event after index `from` that matches. */
  async next<K extends ExchangeEvent["kind"]>(
    kind: K,
    pred: (e: Extract<ExchangeEvent, { kind: K }>) => boolean = () => true,
    from = 0,
  ): Promise<Extract<ExchangeEvent, { kind: K }>> {
    let found: Extract<ExchangeEvent, { kind: K }> | undefined;
    await eventually(() => {
      found = this.all.slice(from).find((e) => e.kind === kind && pred(e as never)) as typeof found;
      return found !== undefined;
    }, `a ${kind} event`);
    return found!;
  }

  states(): string[] {
    return this.of("ConnectionChanged").map((e) => e.state);
  }
}

export interface AccountRig {
  readonly server: FakeKraken;
  readonly timers: FakeTimers;
  readonly exchange: KrakenExchange;
  readonly events: EventLog;
  /** Every log record, unredacted (no secret is registered with this Logger). */
  readonly logs: LogRecord[];
  readonly nonceFile: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * A fake Kraken and an adapter with an API key pointed at it (REST, market WS, account WS), on fake timers,
 * with a nonce file in a fresh directory. Not connected: call `exchange.connect()` for the feeds.
 */
export async function accountRig(
  opts: { key?: FakeKey; serverKeys?: readonly FakeKey[]; credentials?: boolean; options?: KrakenOptions } =
    {},
): Promise<AccountRig> {
  const server = FakeKraken.start({ keys: opts.serverKeys });
  const timers = new FakeTimers();
  const dir = await Deno.makeTempDir({ prefix: "pytrader-kraken-account-" });
  const sink = new MemorySink(100_000);
  const logs: LogRecord[] = [];
  sink.onLine((r) => logs.push(r));
  const key = opts.key ?? FAKE_KEY;
  const nonceFile = `${dir}/pytrader.kraken-nonce`;
  const exchange = createKraken({
    rest_url: server.restUrl,
    ws_url: server.wsUrl,
    ws_auth_url: server.wsAuthUrl,
    log: new Logger([sink]).log("kraken"),
    timers,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 8000 },
    restTimeoutMs: 10_000,
    restRate: { capacity: 1000, refillPerSecond: 1000 },
    privateRate: { capacity: 1000, refillPerSecond: 1000 },
    tradingRate: { capacity: 1000, refillPerSecond: 1000 },
    credentials: opts.credentials === false ? undefined : { key: () => key.key, secret: () => key.secret },
    nonceFile,
    ...opts.options,
  });
  const events = new EventLog(exchange);
  return {
    server,
    timers,
    exchange,
    events,
    logs,
    nonceFile,
    async [Symbol.asyncDispose]() {
      await exchange.close();
      await events.done;
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** A limit order command for BTC/USD (prices in 0.1 USD ticks, quantities in 1e-8 BTC ticks). */
export function limit(
  clientId: string,
  side: "buy" | "sell",
  price: number,
  qty: number,
): {
  kind: "SubmitOrder";
  clientId: string;
  symbol: string;
  side: "buy" | "sell";
  type: "limit";
  price: number;
  qty: number;
} {
  return { kind: "SubmitOrder", clientId, symbol: "BTC/USD", side, type: "limit", price, qty };
}
