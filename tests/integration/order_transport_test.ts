/**
 * Issue 11, acceptance: `[kraken] order_transport` is read from the ini. With `ws` the UI's orders go over the
 * account socket (add_order), with the default `rest` over signed REST (AddOrder). Real wiring: the ini, the
 * adapter built by exchanges/mod.ts from it, a Trader with its order engine.
 */

import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";
import { formatTicks } from "../../lib/core/mod.ts";
import { krakenHome } from "./kraken_rig.ts";

async function placeThroughIni(extraIni: string) {
  const home = await krakenHome(extraIni);
  const server = home.server;
  const trader = await home.trader();
  try {
    await trader.start();
    await eventually(
      () => trader.state.bookStatus === "ok" && trader.engine !== null,
      "the book and account",
    );
    await eventually(() => server.accountFeed.subscribers === 1, "the account socket");
    const price = server.book.top(3).bids[2]!.price;
    const { clientId, settled } = trader.engine!.submit({
      side: "buy",
      price: formatTicks(price, server.pricePrecision),
      volume: "0.01",
    });
    const o = await settled;
    assertEquals(o.status, "open", o.error);
    const socket = server.accountFeed.received.filter((t) => t.includes('"add_order"'));
    return { clientId, socket, rest: server.privateRest.callsOf("AddOrder") };
  } finally {
    await trader.stop();
    await home.close();
  }
}

Deno.test("order_transport = ws in the ini: orders go over the account socket, none over REST", async () => {
  const { clientId, socket, rest } = await placeThroughIni("order_transport = ws\n");
  assertEquals(socket.length, 1);
  assert(socket[0]!.includes(`"cl_ord_id":"${clientId}"`), socket[0]);
  assertEquals(rest.length, 0);
});

Deno.test("order_transport left at its default (rest): orders go over signed REST", async () => {
  const { clientId, socket, rest } = await placeThroughIni("");
  assertEquals(socket.length, 0);
  assertEquals(rest.map((c) => c.params.cl_ord_id), [clientId]);
});
