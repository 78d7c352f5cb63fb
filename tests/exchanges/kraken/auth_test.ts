import { assertEquals } from "../../assert.ts";
import { krakenSignature } from "../../../exchanges/kraken/auth.ts";
import { apiSign } from "../../fakes/kraken/sign_check.ts";
import { loadVector } from "./helpers.ts";

interface SignCase {
  name: string;
  secret_b64: string;
  uri_path: string;
  nonce: string;
  postdata: string;
  expected_api_sign: string;
}

const { cases } = await loadVector<{ cases: SignCase[] }>("kraken-rest-sign.json");

Deno.test("API-Sign reproduces Kraken's documented AddOrder example", () => {
  for (const c of cases) {
    assertEquals(krakenSignature(c.uri_path, c.nonce, c.postdata, c.secret_b64), c.expected_api_sign, c.name);
  }
});

Deno.test("the fake server's own signature check agrees with the documented example", async () => {
  for (const c of cases) {
    assertEquals(await apiSign(c.uri_path, c.nonce, c.postdata, c.secret_b64), c.expected_api_sign, c.name);
  }
});

Deno.test("API-Sign covers the path, the nonce and every byte of the body", () => {
  const c = cases[0]!;
  const base = krakenSignature(c.uri_path, c.nonce, c.postdata, c.secret_b64);
  const changed = [
    krakenSignature("/0/private/CancelOrder", c.nonce, c.postdata, c.secret_b64),
    krakenSignature(c.uri_path, String(Number(c.nonce) + 1), c.postdata, c.secret_b64),
    krakenSignature(c.uri_path, c.nonce, c.postdata.replace("1.25", "1.26"), c.secret_b64),
  ];
  for (const s of changed) assertEquals(s === base, false);
});
