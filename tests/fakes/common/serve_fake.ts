import { DROPPED } from "./faulted_answer.ts";

/**
 * A fake venue's HTTP server on 127.0.0.1 (a free port): a handler failure other than a connection the fake
 * dropped on purpose is printed and answered 500.
 */
export function serveFake(
  name: string,
  handler: Deno.ServeHandler<Deno.NetAddr>,
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
    onError(e) {
      if (e !== DROPPED) console.error(`Fake ${name} failed:`, e);
      return new Response("fake failed", { status: 500 });
    },
  }, handler);
}
