import { assert, assertEquals, assertRejects } from "../assert.ts";
import { DEFAULT_SCRYPT, deriveKey, scryptParamsProblem } from "../../lib/secrets/mod.ts";

// What it costs (100 ms to 1 s a derivation) is measured, not asserted: tests/bench/secrets_bench.ts.
Deno.test("kdf: the default derivation is scrypt N=2^17, r=8, p=1 (OWASP's minimum): a 32-byte key and a check", async () => {
  assertEquals({ ...DEFAULT_SCRYPT }, { N: 2 ** 17, r: 8, p: 1 });
  const salt = new Uint8Array(16).fill(3);
  const d = await deriveKey("correct horse battery staple", salt, DEFAULT_SCRYPT);
  assertEquals([d.key.length, d.check.length], [32, 16]);
  const cheaper = await deriveKey("correct horse battery staple", salt, { ...DEFAULT_SCRYPT, N: 2 ** 10 });
  assert(!d.key.every((v, i) => v === cheaper.key[i]), "the cost parameter is part of the key");
});

Deno.test("kdf: the same passphrase and salt give the same key; key and check differ", async () => {
  const salt = new Uint8Array(16).fill(7);
  const params = { N: 1024, r: 8, p: 1 };
  const a = await deriveKey("pass", salt, params);
  const b = await deriveKey("pass", salt, params);
  assertEquals(a, b);
  assertEquals(a.key.length, 32);
  assertEquals(a.check.length, 16);
  assert(!a.key.slice(0, 16).every((v, i) => v === a.check[i]));
});

Deno.test("kdf: parameters out of range are refused before scrypt runs", async () => {
  assertEquals(scryptParamsProblem(DEFAULT_SCRYPT), undefined);
  assertEquals(
    scryptParamsProblem({ N: 2 ** 21, r: 8, p: 1 }),
    "N=2097152 is not a power of two from 2^10 to 2^20",
  );
  assertEquals(scryptParamsProblem({ N: 2 ** 14, r: 0, p: 1 }), "r=0 is not from 1 to 32");
  assertEquals(scryptParamsProblem({ N: 2 ** 14, r: 8, p: 99 }), "p=99 is not from 1 to 16");
  await assertRejects(() => deriveKey("x", new Uint8Array(16), { N: 2 ** 30, r: 8, p: 1 }), RangeError);
});
