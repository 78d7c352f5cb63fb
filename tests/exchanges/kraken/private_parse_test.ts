import { assert, assertEquals, assertThrows } from "../../assert.ts";
import { balancesAfterUpdate, balancesFromSnapshot } from "../../../exchanges/kraken/balances_parse.ts";
import { fillFeeInQuote } from "../../../exchanges/kraken/execution_parse.ts";
import type { RestOrder, WsBalance, WsExecution, WsLedgerEntry } from "../../../exchanges/kraken/frames.ts";
import { parseLexemeJson } from "../../../lib/net/lexeme_json.ts";
import { OwnOrders } from "../../../exchanges/kraken/own_orders.ts";
import { pairNames } from "../../../exchanges/kraken/pair_names.ts";
import {
  balancesFromRest,
  ordersFromRest,
  type PairLookup,
} from "../../../exchanges/kraken/private_parse.ts";
import { instrumentsFromAssetPairs } from "../../../exchanges/kraken/rest_parse.ts";
import type { Order } from "../../../lib/core/mod.ts";
import { BTC_USD, loadVector } from "./helpers.ts";

interface RestCase {
  endpoint: string;
  response: { result: unknown };
}
interface WsCase {
  name: string;
  message?: unknown;
  raw?: string;
  item?: unknown;
}

const rest = (await loadVector<{ cases: RestCase[] }>("kraken-rest-responses.json")).cases;
const ws = (await loadVector<{ cases: WsCase[] }>("kraken-ws2-messages.json")).cases;
const recorded = (await loadVector<{ cases: WsCase[] }>("kraken-ws2-private-recorded.json")).cases;

/** A documented answer's result, numbers kept as text as the adapter reads them. */
function result<T>(endpoint: string): T {
  const c = rest.find((c) => c.endpoint === endpoint)!;
  return (parseLexemeJson(JSON.stringify(c.response)) as { result: T }).result;
}
function wsFrame(name: string): { data: unknown[] } {
  const c = [...ws, ...recorded].find((c) => c.name === name)!;
  return parseLexemeJson(c.raw ?? JSON.stringify(c.message)) as { data: unknown[] };
}

const pairsResult = result<Record<string, never>>("GET /0/public/AssetPairs");
const instruments = instrumentsFromAssetPairs(pairsResult);
const PAIRS: PairLookup = {
  names: pairNames(pairsResult),
  instrument: (s) => instruments.find((i) => i.symbol === s),
};

Deno.test("REST names of a pair all lead to its v2 symbol", () => {
  const names = pairNames(pairsResult);
  for (const n of ["XXBTZUSD", "XBTUSD", "XBT/USD", "BTC/USD"]) assertEquals(names.get(n), "BTC/USD");
  for (const n of ["XETHXXBT", "ETHXBT", "ETH/XBT"]) assertEquals(names.get(n), "ETH/BTC");
});

Deno.test("Balance: codes normalised (XXBT -> BTC, ZUSD -> USD), amounts exactly as sent", () => {
  const b = balancesFromRest(result("POST /0/private/Balance"));
  assertEquals([b.BTC, b.USD, b.EUR, b.ETH, b.USDT, b["ETH2.S"]], [
    "1011.1908877900",
    "171288.6158",
    "504861.8946",
    "818.5500000000",
    "500000.00000000",
    "198.3970800000",
  ]);
  assertEquals(balancesFromRest({ XXBT: "1.5", XBT: "0.25" }), { BTC: "1.75" });
  assertThrows(() => balancesFromRest({ ZUSD: "lots" }), RangeError);
});

Deno.test("OpenOrders: the documented open orders as core orders in ticks", () => {
  const open = result<{ open: Record<string, RestOrder> }>("POST /0/private/OpenOrders").open;
  const skipped: string[] = [];
  const orders = ordersFromRest(open, PAIRS, (id) => skipped.push(id));
  assertEquals(skipped, []);
  assertEquals(
    orders[0],
    {
      id: "OQCLML-BW3P3-BUCMWZ",
      clientId: "",
      symbol: "BTC/USD",
      side: "buy",
      type: "limit",
      price: 300_100,
      qty: 125_000_000,
      filled: 37_500_000,
      status: "open",
      time: 1688666559897,
    } satisfies Order,
  );
  assertEquals([orders[1]!.id, orders[1]!.price, orders[1]!.qty, orders[1]!.filled], [
    "OB5VMB-B4U2U-DK2WRW",
    145_000,
    27_500_000,
    0,
  ]);
});

Deno.test("QueryOrders: closed orders are filled; a market order has no price", () => {
  const map = result<Record<string, RestOrder>>("POST /0/private/QueryOrders");
  const orders = ordersFromRest(map, PAIRS, () => {});
  assertEquals(orders.map((o) => [o.id, o.type, o.side, o.price, o.qty, o.filled, o.status, o.time]), [
    ["OBCMZD-JIEE7-77TH3F", "limit", "buy", 275_000, 125_000_000, 125_000_000, "filled", 1688665499192],
    ["OMMDB2-FSB6Z-7W3HPO", "market", "sell", null, 25_000_000, 25_000_000, "filled", 1688592012234],
  ]);
});

Deno.test("orders of pairs this build does not know are skipped and reported, the rest kept", () => {
  const map = result<Record<string, RestOrder>>("POST /0/private/QueryOrders");
  const odd = {
    ...map["OBCMZD-JIEE7-77TH3F"]!,
    descr: { ...map["OBCMZD-JIEE7-77TH3F"]!.descr, pair: "FOOBAR" },
  };
  const skipped: string[] = [];
  const orders = ordersFromRest(
    { ...map, "OODD00-00000-000000": odd },
    PAIRS,
    (id, why) => skipped.push(`${id}: ${why}`),
  );
  assertEquals(orders.length, 2);
  assertEquals(skipped, ['OODD00-00000-000000: order OODD00-00000-000000: unknown pair "FOOBAR"']);
});

Deno.test("balances snapshot: the spot wallets of each asset; updates set an asset's spot balance", () => {
  const snap = balancesFromSnapshot(wsFrame("balances snapshot").data as WsBalance[]);
  assertEquals(snap, { BTC: "1.2", MATIC: "300", USD: "80595.4943" });
  const deposit = balancesAfterUpdate(snap, wsFrame("balances update (deposit)").data as WsLedgerEntry[]);
  assertEquals(deposit, { BTC: "0.02", MATIC: "300", USD: "80595.4943" });
  const trade = balancesAfterUpdate(
    deposit,
    wsFrame("balances update (trade ledger entry, USD)").data as WsLedgerEntry[],
  );
  assertEquals(trade.USD, "118.0677");
  assertEquals(balancesAfterUpdate(snap, [{ asset: "BTC", balance: "9", wallet_type: "earn" }]).BTC, "1.2");
});

function own(...known: Order[]): OwnOrders {
  const o = new OwnOrders((s) => (s === "BTC/USD" ? BTC_USD : undefined));
  for (const k of known) o.remember(k);
  return o;
}

function order(id: string, patch: Partial<Order> = {}): Order {
  return {
    id,
    clientId: "",
    symbol: "BTC/USD",
    side: "sell",
    type: "limit",
    price: 265_000,
    qty: 500_000,
    filled: 0,
    status: "open",
    time: 0,
    ...patch,
  };
}

Deno.test("executions: the documented pending_new describes the order and is not yet an event", () => {
  const o = own();
  const item = wsFrame("executions update: pending_new").data[0] as WsExecution;
  assertEquals(o.apply(item, 1).events, []);
  assertEquals(o.get("OK4GJX-KSTLS-7DZZO5"), {
    id: "OK4GJX-KSTLS-7DZZO5",
    clientId: "",
    symbol: "BTC/USD",
    side: "sell",
    type: "limit",
    price: 265_000,
    qty: 500_000,
    filled: 0,
    status: "pending",
    time: Date.parse("2023-09-22T10:33:05.709950Z"),
  });
});

Deno.test("executions: a recorded new report, naming only the order, accepts the order known before", () => {
  const o = own(order("7J91XK-XMFEL-348VPM", { status: "pending", clientId: "pt00000000000000aa" }));
  const { events } = o.apply(wsFrame("executions update: new").data[0] as WsExecution, 1);
  assertEquals(events.length, 1);
  const ev = events[0]!;
  assert(ev.kind === "OrderAccepted");
  assertEquals([ev.order.status, ev.order.clientId, ev.order.qty], ["open", "pt00000000000000aa", 500_000]);
  assertEquals(ev.order.time, Date.parse("2024-05-18T12:58:51.121515Z"));
});

Deno.test("executions: a recorded canceled report becomes OrderCanceled", () => {
  const o = own(order("KIUEL4-G3PWU-HOJTYU"));
  const { events } = o.apply(wsFrame("executions update: canceled").data[0] as WsExecution, 1);
  assertEquals(events.map((e) => [e.kind, "order" in e ? e.order.status : ""]), [[
    "OrderCanceled",
    "canceled",
  ]]);
});

Deno.test("executions: a recorded trade becomes OrderFilled with its price, quantity, fee and liquidity", () => {
  const item = recorded.find((c) => c.name.startsWith("executions trade report"))!.item as WsExecution;
  const text = parseLexemeJson(JSON.stringify(item)) as WsExecution;
  const o = own(order("NG6PUE-C7MXN-CFCAMC", { qty: 16_000, price: 633_772 }));
  const { events } = o.apply(text, 1);
  const ev = events[0]!;
  assert(ev.kind === "OrderFilled");
  assertEquals([ev.price, ev.qty, ev.fee, ev.liquidity], [633_772, 16_000, "0.04051", "taker"]);
  assertEquals([ev.order.filled, ev.order.status], [16_000, "filled"]);
  // Fees charged in the base currency (fee preference fcib) are worth price × qty in the quote.
  assertEquals(
    fillFeeInQuote({ ...text, fees: [{ asset: "BTC", qty: "0.0000001" }] }, BTC_USD),
    "0.00633772",
  );
});

Deno.test("executions: a recorded amended report changes the quantity and price of the known order", () => {
  // The recorded order is on a pair at 4 price decimals; here it stands for a BTC/USD order (1 and 8).
  const item = { ...(wsFrame("executions update: amended").data[0] as WsExecution), limit_price: "0.9" };
  const o = own(order("6LYQGW-FH922-U6JTUM", { qty: 100_000_000, price: 10 }));
  const { events } = o.apply(item, 1);
  const ev = events[0]!;
  assert(ev.kind === "OrderAccepted");
  assertEquals([ev.order.qty, ev.order.price, ev.order.filled, ev.order.status], [510_000_000, 9, 0, "open"]);
});

Deno.test("executions about an order never seen are reported as unknown, for a REST lookup", () => {
  const o = own();
  assertEquals(o.apply(wsFrame("executions update: new").data[0] as WsExecution, 1), {
    events: [],
    unknown: "7J91XK-XMFEL-348VPM",
  });
});

Deno.test("a REST answer does not undo what the stream already said", () => {
  const o = own();
  o.remember(order("OX", { filled: 500_000, status: "filled" }));
  assertEquals(o.remember(order("OX", { clientId: "ptx" })).status, "filled");
  assertEquals(o.get("OX")!.clientId, "ptx");
});
