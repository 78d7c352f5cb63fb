import { assertEquals } from "../assert.ts";
import { VERSION } from "../../lib/core/mod.ts";
import { venueRestClient } from "../../lib/net/venue_rest_client.ts";

Deno.test("venue REST client: requests carry PyTrader's User-Agent", async () => {
  const seen: (string | null)[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    seen.push(req.headers.get("user-agent"));
    return new Response("{}");
  });
  const http = venueRestClient({ baseUrl: `http://127.0.0.1:${server.addr.port}` });
  try {
    await http.get("/x", {}, "load x");
    await http.post("/y", () => ({ body: "a=1", headers: {} }), "send y", { once: true });
    assertEquals(seen, [`pytrader/${VERSION}`, `pytrader/${VERSION}`]);
  } finally {
    http.close();
    await server.shutdown();
  }
});
