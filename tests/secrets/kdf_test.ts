import { assert, assertEquals, assertRejects } from "../assert.ts";
import { DEFAULT_SCRYPT, deriveKey, scryptParamsProblem } from "../../lib/secrets/mod.ts";

Deno.test("kdf: the default derivation takes between 100 ms and 1 s on this machine", async () => {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await deriveKey("correct horse battery staple", salt, DEFAULT_SCRYPT);
    times.push(performance.now() - t0);
  }
  const median = times.sort((a, b) => a - b)[1];
  console.log(
    `scrypt N=${DEFAULT_SCRYPT.N} r=${DEFAULT_SCRYPT.r} p=${DEFAULT_SCRYPT.p}: ${median.toFixed(0)} ms`,
  );
  assert(median >= 100 && median <= 1000, `median ${median.toFixed(0)} ms`);
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
