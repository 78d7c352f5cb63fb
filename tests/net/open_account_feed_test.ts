import { assertEquals } from "../assert.ts";
import { AuthenticationError, type Log } from "../../lib/core/mod.ts";
import { openAccountFeed } from "../../lib/net/open_account_feed.ts";

Deno.test("open account feed: a failed first connect is logged, not thrown (market data goes on)", async () => {
  const lines: string[] = [];
  const log = { error: (m: string) => lines.push(m) } as unknown as Log;
  await openAccountFeed({ connect: () => Promise.resolve() }, "kraken", log);
  const refused = new AuthenticationError("Cannot subscribe on kraken: EAPI:Invalid key");
  await openAccountFeed({ connect: () => Promise.reject(refused) }, "kraken", log);
  assertEquals(lines, ["Cannot open the kraken account feed: Cannot subscribe on kraken: EAPI:Invalid key"]);
});
