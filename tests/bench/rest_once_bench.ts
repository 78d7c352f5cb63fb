/**
 * What sending an order POST on a connection of its own costs (issue 10: RestClient.post `once`, so that
 * the HTTP stack never resends it): a form POST to a local Deno.serve on 127.0.0.1, on the pooled
 * keep-alive connection (the baseline) and on a fresh connection each time. Loopback only: over the
 * internet a fresh connection adds a TCP and a TLS handshake (two round trips) that no bench here sees.
 *
 *   deno bench --allow-all tests/bench/rest_once_bench.ts
 */
import { RestClient } from "../../lib/net/rest_client.ts";

const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen() {} },
  async (req) => new Response(await req.text()),
);
const client = new RestClient({ baseUrl: `http://127.0.0.1:${server.addr.port}` });
const form = () => ({
  body: "nonce=1&pair=XBTUSD&type=buy&ordertype=limit&price=30000&volume=0.01",
  headers: {},
});

Deno.bench("POST on the pooled keep-alive connection", { group: "post", baseline: true }, async () => {
  await client.post("/0/private/AddOrder", form, "place order");
});

Deno.bench("POST on a connection of its own (once)", { group: "post" }, async () => {
  await client.post("/0/private/AddOrder", form, "place order", { once: true });
});

globalThis.addEventListener("unload", () => {
  client.close();
  server.shutdown();
});
