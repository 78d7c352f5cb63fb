import { assertEquals } from "../assert.ts";
import { socketTuning } from "../../lib/net/socket_tuning.ts";

Deno.test("socket tuning: only the socket's settings of a venue's options travel on", () => {
  const random = () => 0.5;
  const options = {
    random,
    backoff: { baseMs: 1, maxMs: 2 },
    staleAfterMs: 3,
    deadAfterMs: 4,
    replyTimeoutMs: 5,
    credentials: { key: () => "k", secret: () => "s" },
    rest_url: "http://127.0.0.1:1",
  };
  assertEquals(socketTuning(options), {
    random,
    backoff: { baseMs: 1, maxMs: 2 },
    staleAfterMs: 3,
    deadAfterMs: 4,
    keepaliveMs: undefined,
    replyTimeoutMs: 5,
  });
});
