import { assert, assertEquals, assertRejects } from "../../assert.ts";
import {
  AuthenticationError,
  InsufficientFunds,
  InvalidOrder,
  OrderNotFound,
} from "../../../lib/core/mod.ts";
import { accountRig, limit } from "./account_setup.ts";
import { eventually } from "../../eventually.ts";

Deno.test("balances: the documented Balance answer with asset codes normalised, amounts as sent", async () => {
  await using r = await accountRig();
  assertEquals(await r.exchange.balances(), {
    USD: "171288.6158",
    EUR: "504861.8946",
    BTC: "1011.1908877900",
    ETH: "818.5500000000",
    USDT: "500000.00000000",
    DAI: "9999.9999999999",
    DOT: "2.5000000000",
    "ETH2.S": "198.3970800000",
    ETH2: "2.5885574330",
    "USD.M": "1213029.2780",
  });
  assertEquals(r.server.privateRest.calls.map((c) => [c.method, c.outcome]), [["Balance", "ok"]]);
});

Deno.test("place, list and cancel a limit order; the account feed reports it accepted and canceled", async () => {
  await using r = await accountRig();
  await r.exchange.connect();
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  const placed = await r.exchange.placeOrder(limit("pt0000000000000001", "buy", 250_000, 1_000_000));
  assertEquals(placed.status, "open");
  assertEquals([placed.clientId, placed.symbol, placed.price, placed.qty, placed.filled], [
    "pt0000000000000001",
    "BTC/USD",
    250_000,
    1_000_000,
    0,
  ]);
  assertEquals(r.server.privateRest.calls.at(-1)!.params, {
    pair: "XXBTZUSD",
    type: "buy",
    ordertype: "limit",
    volume: "0.01",
    price: "25000",
    cl_ord_id: "pt0000000000000001",
  });
  const accepted = await r.events.next("OrderAccepted", (e) => e.order.id === placed.id);
  assertEquals(accepted.order.clientId, "pt0000000000000001");
  assertEquals(accepted.order.status, "open");

  const open = await r.exchange.openOrders("BTC/USD");
  assertEquals(open.map((o) => [o.id, o.clientId, o.side, o.type, o.price, o.qty, o.filled, o.status]), [
    [placed.id, "pt0000000000000001", "buy", "limit", 250_000, 1_000_000, 0, "open"],
  ]);
  assertEquals(await r.exchange.openOrders("ETH/BTC"), []);

  const canceled = await r.exchange.cancelOrder(placed.id);
  assertEquals([canceled.id, canceled.status], [placed.id, "canceled"]);
  const ev = await r.events.next("OrderCanceled", (e) => e.order.id === placed.id);
  assertEquals(ev.order.clientId, "pt0000000000000001");
  assertEquals(await r.exchange.openOrders(), []);
});

Deno.test("cancel by client order id; an unknown id is OrderNotFound", async () => {
  await using r = await accountRig();
  const placed = await r.exchange.placeOrder(limit("pt0000000000000002", "sell", 400_000, 50_000));
  const canceled = await r.exchange.cancelOrder("pt0000000000000002");
  assertEquals([canceled.id, canceled.status], [placed.id, "canceled"]);
  assertEquals(r.server.privateRest.calls.at(-1)!.params, { cl_ord_id: "pt0000000000000002" });
  await assertRejects(
    () => r.exchange.cancelOrder("OAAAAA-BBBBB-CCCCCC"),
    OrderNotFound,
    'Cannot cancel order "OAAAAA-BBBBB-CCCCCC" on kraken: EOrder:Unknown order',
  );
});

Deno.test("fills become OrderFilled with price, quantity, fee and liquidity; balances follow as WalletChanged", async () => {
  await using r = await accountRig();
  await r.exchange.connect();
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  await r.events.next("WalletChanged");
  // A buy above the best ask (30000.1) crosses: all of it fills at once as taker.
  const taker = await r.exchange.placeOrder(limit("pt0000000000000003", "buy", 300_500, 2_000_000));
  const fill = await r.events.next("OrderFilled", (e) => e.order.id === taker.id);
  assertEquals([fill.price, fill.qty, fill.liquidity], [300_001, 2_000_000, "taker"]);
  // 30000.1 × 0.02 = 600.002 USD at 0.26 %: 1.5600052, kept at 4 decimals.
  assertEquals(fill.fee, "1.56");
  assertEquals([fill.order.status, fill.order.filled, fill.order.clientId], [
    "filled",
    2_000_000,
    "pt0000000000000003",
  ]);
  const wallet = await r.events.next("WalletChanged", (e) => e.balances.BTC === "1011.2108877900");
  assertEquals(wallet.balances.USD, "170687.0538");

  // A resting sell filled later in two parts, as maker.
  const maker = await r.exchange.placeOrder(limit("pt0000000000000004", "sell", 310_000, 3_000_000));
  r.server.account.fill(maker.id, { qty: 1_000_000 });
  const first = await r.events.next("OrderFilled", (e) => e.order.id === maker.id);
  assertEquals([first.price, first.qty, first.liquidity, first.order.status, first.order.filled], [
    310_000,
    1_000_000,
    "maker",
    "open",
    1_000_000,
  ]);
  assertEquals(first.fee, "0.496");
  r.server.account.fill(maker.id);
  const second = await r.events.next(
    "OrderFilled",
    (e) => e.order.id === maker.id && e.order.status === "filled",
  );
  assertEquals([second.qty, second.order.filled], [2_000_000, 3_000_000]);
  assertEquals(await r.exchange.openOrders(), []);
});

Deno.test("insufficient funds, a volume below the minimum and a bad price are refusals that name the order", async () => {
  await using r = await accountRig();
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000005", "sell", 300_000, 2_000_000_000_00)),
    InsufficientFunds,
    'Cannot place order on "BTC/USD" on kraken: EOrder:Insufficient funds',
  );
  await assertRejects(
    () => r.exchange.placeOrder(limit("pt0000000000000006", "buy", 300_000, 9_999)),
    InvalidOrder,
    'Cannot place order on "BTC/USD" on kraken: EOrder:Order minimum not met',
  );
  // Refused locally: nothing is sent.
  const sent = r.server.privateRest.count("AddOrder");
  await assertRejects(
    () => r.exchange.placeOrder({ ...limit("pt0000000000000007", "buy", 300_000, 100_000), price: null }),
    InvalidOrder,
    "a limit order needs a positive price",
  );
  assertEquals(r.server.privateRest.count("AddOrder"), sent);
  assertEquals(await r.exchange.openOrders(), []);
});

Deno.test("validate places nothing and answers the order unacknowledged", async () => {
  await using r = await accountRig();
  const order = await r.exchange.placeOrder({
    ...limit("pt0000000000000008", "buy", 250_000, 100_000),
    validate: true,
  });
  assertEquals([order.id, order.status], ["", "pending"]);
  assertEquals(r.server.privateRest.calls.at(-1)!.params.validate, "true");
  assertEquals(r.server.account.orders.size, 0);
});

Deno.test("a key the server does not know is an AuthenticationError; without a key account calls say how to add one", async () => {
  {
    await using r = await accountRig({ key: { key: "someone-else", secret: "c2VjcmV0" } });
    await assertRejects(
      () => r.exchange.balances(),
      AuthenticationError,
      "Cannot read balances on kraken: EAPI:Invalid key",
    );
    await assertRejects(
      () => r.exchange.placeOrder(limit("pt0000000000000009", "buy", 250_000, 100_000)),
      AuthenticationError,
      'Cannot place order on "BTC/USD" on kraken: EAPI:Invalid key',
    );
    // connect() still brings market data; the account feed stops and says why.
    await r.exchange.connect();
    await eventually(
      () => r.logs.some((l) => l.message.includes("the account feed stops")),
      "the feed giving up",
    );
    assertEquals(r.server.accountFeed.connectionsOpened, 1);
  }
  {
    await using r = await accountRig({ credentials: false });
    await assertRejects(
      () => r.exchange.balances(),
      AuthenticationError,
      "Cannot read balances on kraken: no API key; run pytrader --add-secret",
    );
    await assertRejects(
      () => r.exchange.placeOrder(limit("x", "buy", 1, 1)),
      AuthenticationError,
      "no API key",
    );
    await r.exchange.connect();
    assertEquals(r.server.accountFeed.connectionsOpened, 0);
    assert(r.server.privateRest.calls.length === 0);
  }
});

Deno.test("a wrong secret is EAPI:Invalid signature", async () => {
  await using r = await accountRig({ key: { key: "pytrader-fake-api-key-0001", secret: "d3Jvbmc=" } });
  await assertRejects(() => r.exchange.openOrders(), AuthenticationError, "EAPI:Invalid signature");
});

Deno.test("the account feed retries with backoff when its token cannot be had, and subscribes once it can", async () => {
  await using r = await accountRig();
  r.server.privateRest.faults.push({ method: "GetWebSocketsToken", status: 503, accept: false });
  await r.exchange.connect();
  assert(r.logs.some((l) => l.level === "error" && l.message.includes("HTTP 503")), "the failure is logged");
  assertEquals(r.server.accountFeed.subscribers, 0);
  r.timers.advance(750);
  await eventually(() => r.server.accountFeed.subscribers === 1, "the account feed");
  assertEquals(r.server.privateRest.count("GetWebSocketsToken"), 2);
  await r.events.next(
    "ConnectionChanged",
    (e) => e.state === "connected" && e.detail === "account feed resubscribed",
  );
});
