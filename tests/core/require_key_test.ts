import { assertEquals, assertThrows } from "../assert.ts";
import { AuthenticationError } from "../../lib/core/mod.ts";
import { requireKey } from "../../lib/core/require_key.ts";

Deno.test("require key: the account when there is a key, else how to add one", () => {
  const account = { name: "account" };
  assertEquals(requireKey(account, "kraken", "read balances"), account);
  assertThrows(
    () => requireKey(null, "kraken", "read balances"),
    AuthenticationError,
    "Cannot read balances on kraken: no API key; run pytrader --add-secret",
  );
});
