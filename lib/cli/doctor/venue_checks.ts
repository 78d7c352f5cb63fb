/** Doctor checks against the venue: REST, clock, WebSocket, and what the key may do. */

import {
  AuthenticationError,
  type Exchange,
  ExchangeError,
  type Instrument,
  type SubmitOrder,
  UnknownSymbol,
} from "../../core/mod.ts";
import { div, fromTicks, parseDecimal, toTicks } from "../../core/decimal.ts";
import { findInstrument, newClientId } from "../../engine/mod.ts";
import type { Check } from "./report.ts";

/** A REST answer slower than this is worth a warning. */
const SLOW_REST_MS = 2000;
/** Kraken nonces and Bitstamp timestamps go wrong beyond about this offset. */
const MAX_OFFSET_MS = 1000;

const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
const ms = (t0: number) => Math.round(performance.now() - t0);

/** Lists the venue's instruments (timed) and finds the pair; the instrument when both worked. */
export async function restCheck(
  exchange: Exchange,
  pair: string,
): Promise<{ check: Check; instrument: Instrument | null }> {
  const name = "rest";
  const t0 = performance.now();
  try {
    const all = await exchange.instruments();
    const took = ms(t0);
    const instrument = await findInstrument(exchange, pair);
    const detail = `${exchange.venue} lists ${all.length} pairs, answered in ${took} ms`;
    const check: Check = took > SLOW_REST_MS
      ? { name, status: "warn", detail, fix: "check the network path to the venue (proxy, DNS, VPN)" }
      : { name, status: "ok", detail };
    return { check, instrument };
  } catch (e) {
    if (e instanceof UnknownSymbol) {
      return {
        check: {
          name,
          status: "fail",
          detail: text(e),
          fix: "choose a listed pair with --pair or [pytrader] pair",
        },
        instrument: null,
      };
    }
    return {
      check: {
        name,
        status: "fail",
        detail: `Cannot reach ${exchange.venue} over REST: ${text(e)}`,
        fix: `check the network and [${exchange.venue}] rest_url in the ini`,
      },
      instrument: null,
    };
  }
}

/**
 * The local clock's offset from the venue's, in ms (positive: the venue is ahead). A venue time in whole
 * seconds (Kraken's Time) may be anywhere up to a second later, so only the distance beyond it counts.
 */
export function clockOffset(server: number, before: number, after: number): number {
  const local = (before + after) / 2;
  const latest = server % 1000 === 0 ? server + 999 : server;
  if (local < server) return Math.round(server - local);
  if (local > latest) return Math.round(latest - local);
  return 0;
}

export async function clockCheck(exchange: Exchange): Promise<Check> {
  const name = "clock";
  const venue = exchange.venue;
  if (!exchange.serverTime) {
    return {
      name,
      status: "warn",
      detail: `clock offset: not available on ${venue}`,
      fix: "check that this computer's clock is synchronised (timedatectl status)",
    };
  }
  const before = Date.now();
  let server: number;
  try {
    server = await exchange.serverTime();
  } catch (e) {
    return { name, status: "fail", detail: `Cannot read the time of ${venue}: ${text(e)}` };
  }
  const after = Date.now();
  // Venues like Kraken answer in whole seconds: the true time lies anywhere in that second.
  const half = server % 1000 === 0 ? 500 : 0;
  const offset = clockOffset(server + half, before, after);
  const within = `±${Math.ceil((after - before) / 2) + half} ms`;
  if (Math.abs(offset) - half <= MAX_OFFSET_MS) {
    return {
      name,
      status: "ok",
      detail: `the local clock is within ${Math.abs(offset)} ms of ${venue} (${within})`,
    };
  }
  const way = offset > 0 ? "behind" : "ahead of";
  return {
    name,
    status: "warn",
    detail: `the local clock is ${(Math.abs(offset) / 1000).toFixed(1)} s ${way} ${venue} (${within}); ` +
      "signed requests may be refused",
    fix: "synchronise the clock with NTP (timedatectl set-ntp true)",
  };
}

/** Connects the streaming API and waits for the first market event of the pair, at most `deadlineMs`. */
export async function wsCheck(exchange: Exchange, symbol: string, deadlineMs: number): Promise<Check> {
  const name = "websocket";
  const venue = exchange.venue;
  const t0 = performance.now();
  const events = exchange.events()[Symbol.asyncIterator]();
  const first = (async (): Promise<string | null> => {
    await exchange.connect();
    await exchange.subscribe({ symbol, channels: ["ticker"] });
    for (;;) {
      const r = await events.next();
      if (r.done) return "the stream ended";
      const ev = r.value;
      if (ev.kind === "ConnectionChanged") {
        if (ev.state === "down") return `the connection went down${ev.detail ? `: ${ev.detail}` : ""}`;
        continue;
      }
      return null;
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no event within ${deadlineMs} ms`), deadlineMs);
  });
  let problem: string | null;
  try {
    problem = await Promise.race([first.catch((e) => text(e)), timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (problem === null) {
    return { name, status: "ok", detail: `connected, first ${symbol} event after ${ms(t0)} ms` };
  }
  return {
    name,
    status: "fail",
    detail: `Cannot stream from ${venue}: ${problem}`,
    fix: `check the network and [${venue}] ws_url in the ini (firewalls often block WebSockets)`,
  };
}

export async function queryCheck(exchange: Exchange): Promise<Check> {
  const name = "key query";
  try {
    const b = await exchange.balances();
    return { name, status: "ok", detail: `the key reads balances (${Object.keys(b).length} assets)` };
  } catch (e) {
    return keyFailure(name, exchange.venue, e, "Query funds");
  }
}

/** Asks the venue to validate a small buy at the bid: nothing is placed. */
export async function tradeCheck(exchange: Exchange, inst: Instrument): Promise<Check> {
  const name = "key trade";
  const venue = exchange.venue;
  try {
    await exchange.placeOrder(await testOrder(exchange, inst));
    return {
      name,
      status: "ok",
      detail: "the key may trade (a test order was checked; nothing was placed)",
    };
  } catch (e) {
    if (e instanceof ExchangeError && !(e instanceof AuthenticationError)) {
      return {
        name,
        status: "ok",
        detail: `the key may trade (the test order itself was refused: ${text(e)})`,
      };
    }
    return keyFailure(name, venue, e, "Create & modify orders");
  }
}

function keyFailure(name: string, venue: string, e: unknown, permission: string): Check {
  if (e instanceof AuthenticationError) {
    return {
      name,
      status: "fail",
      detail: text(e),
      fix: `give the API key the "${permission}" permission on ${venue}, or store the right key: ` +
        `pytrader --add-secret --exchange ${venue}`,
      refused: true,
    };
  }
  return { name, status: "fail", detail: text(e), fix: `check the network and ${venue}'s status page` };
}

async function testOrder(exchange: Exchange, inst: Instrument): Promise<SubmitOrder> {
  const t = await exchange.ticker(inst.symbol);
  const step = inst.priceIncrement;
  const price = Math.max(step, Math.floor((t.bid || t.last) / step) * step);
  const minForCost = toTicks(
    div(parseDecimal(inst.minCost), fromTicks(price, inst.pricePrecision), inst.qtyPrecision, "ceil"),
    inst.qtyPrecision,
  );
  return {
    kind: "SubmitOrder",
    clientId: newClientId(Date.now()),
    symbol: inst.symbol,
    side: "buy",
    type: "limit",
    price,
    qty: Math.max(inst.minQty, minForCost, 1),
    validate: true,
  };
}
