import { assert, assertEquals, assertRejects } from "../assert.ts";
import { ExchangeUnavailable } from "../../lib/core/mod.ts";
import { RestClient } from "../../lib/net/rest_client.ts";

/**
 * A bare HTTP/1.1 server on 127.0.0.1 that keeps connections alive, answers GETs with "ok", and reads each
 * POST in full, then closes the connection without a byte of answer (a venue that carried out the request
 * and lost the line). It counts requests and connections.
 */
function closingServer() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const seen = { connections: 0, posts: [] as string[], gets: 0 };
  const conns = new Set<Deno.Conn>();
  const serve = async (conn: Deno.Conn) => {
    const buf = new Uint8Array(65536);
    let text = "";
    try {
      for (;;) {
        const n = await conn.read(buf);
        if (n === null) return;
        text += new TextDecoder().decode(buf.subarray(0, n));
        for (;;) {
          const end = text.indexOf("\r\n\r\n");
          if (end < 0) break;
          const head = text.slice(0, end);
          const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
          if (text.length < end + 4 + length) break;
          const body = text.slice(end + 4, end + 4 + length);
          text = text.slice(end + 4 + length);
          if (head.startsWith("POST")) {
            seen.posts.push(body);
            conn.close();
            return;
          }
          seen.gets++;
          await conn.write(new TextEncoder().encode("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
        }
      }
    } catch {
      // closed
    } finally {
      conns.delete(conn);
    }
  };
  const accepting = (async () => {
    for await (const conn of listener) {
      seen.connections++;
      conns.add(conn);
      serve(conn);
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${listener.addr.port}`,
    seen,
    async close() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // closed
        }
      }
      await accepting;
    },
  };
}

const form = (body: string) => () => ({ body, headers: {} });

Deno.test("a `once` POST whose connection closes before the answer reaches the server once, though a pooled connection was there", async () => {
  const server = closingServer();
  const client = new RestClient({ baseUrl: server.url });
  try {
    // A GET first: its keep-alive connection sits in the pool. Deno's fetch would send a POST again if
    // the pooled connection it went out on closed before the answer (issue 10).
    assertEquals((await client.get("/time", {}, "read the time")).text, "ok");
    await assertRejects(
      () => client.post("/order", form("nonce=1&volume=0.01"), "place order", { once: true }),
      ExchangeUnavailable,
      "Cannot place order: ",
    );
    assertEquals(server.seen.posts, ["nonce=1&volume=0.01"]);
    assertEquals(server.seen.connections, 2, "the POST went on a connection of its own");
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("`once` POSTs never share a connection; the reason of a lost line is in the message", async () => {
  const server = closingServer();
  const client = new RestClient({ baseUrl: server.url });
  try {
    for (const nonce of [1, 2, 3]) {
      const e = await assertRejects(
        () => client.post("/order", form(`nonce=${nonce}`), "place order", { once: true }),
        ExchangeUnavailable,
      );
      assert(/closed|reset/i.test(e.message), e.message);
    }
    assertEquals(server.seen.posts, ["nonce=1", "nonce=2", "nonce=3"]);
    assertEquals(server.seen.connections, 3);
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("a closed REST client refuses `once` requests instead of opening a new connection pool", async () => {
  const client = new RestClient({ baseUrl: "http://127.0.0.1:9" });
  client.close();
  await assertRejects(
    () => client.post("/order", form("nonce=1"), "place order", { once: true }),
    TypeError,
    "the REST client is closed",
  );
});

Deno.test("a `once` POST with no body (cancel all) goes on a connection of its own too, and reaches the server once", async () => {
  const server = closingServer();
  const client = new RestClient({ baseUrl: server.url });
  try {
    assertEquals((await client.get("/time", {}, "read the time")).text, "ok");
    await assertRejects(
      () => client.post("/cancel_all", () => ({ body: null, headers: {} }), "cancel all", { once: true }),
      ExchangeUnavailable,
    );
    assertEquals(server.seen.posts, [""]);
    assertEquals(server.seen.connections, 2, "the POST went on a connection of its own");
  } finally {
    client.close();
    await server.close();
  }
});
