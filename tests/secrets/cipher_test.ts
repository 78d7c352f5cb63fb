import { assert, assertEquals, assertMatch, assertNotEquals, assertRejects } from "../assert.ts";
import { AuthenticationError, ConfigError } from "../../lib/core/errors.ts";
import {
  CorruptSecret,
  decryptCredentials,
  encryptCredentials,
  WrongPassphrase,
} from "../../lib/secrets/mod.ts";
import { FAST } from "./scripted_io.ts";

// Kraken's documented example API secret (shared/protocols.md §1.2) and a made-up key.
const PLAIN = {
  key: "Xf7sPq2LkVb9mTq3ZrJ8yHn4WcE6uA1dG5oR0iK2sM7vN3bQ8tL4",
  secret: "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
};
const WHERE = { venue: "kraken", file: "pytrader.ini", line: 30 };
const PASS = "correct horse battery staple";

Deno.test("cipher: round trip gives back the key and the secret", async () => {
  const text = await encryptCredentials(PLAIN, PASS, FAST);
  const creds = await decryptCredentials(text, PASS, WHERE);
  assertEquals(creds.key.reveal(), PLAIN.key);
  assertEquals(creds.secret.reveal(), PLAIN.secret);
});

Deno.test("cipher: the text form carries version, scrypt parameters, salt, check, nonce, ciphertext", async () => {
  const text = await encryptCredentials(PLAIN, PASS, FAST);
  assertMatch(
    text,
    /^v1\$scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]+=*$/,
  );
  // Neither part is in the stored text, in clear or in base64.
  for (const v of [PLAIN.key, PLAIN.secret, btoa(PLAIN.key), PASS]) assert(!text.includes(v));
});

Deno.test("cipher: the default parameters are N=2^17, r=8, p=1", async () => {
  const text = await encryptCredentials({ key: "abcd", secret: "efgh" }, PASS);
  assert(text.startsWith("v1$scrypt$N=131072,r=8,p=1$"), text);
});

Deno.test("cipher: each encryption has its own salt and nonce", async () => {
  const a = (await encryptCredentials(PLAIN, PASS, FAST)).split("$");
  const b = (await encryptCredentials(PLAIN, PASS, FAST)).split("$");
  assertNotEquals(a[3], b[3]);
  assertNotEquals(a[5], b[5]);
  assertNotEquals(a[6], b[6]);
});

Deno.test("cipher: a wrong passphrase says so", async () => {
  const text = await encryptCredentials(PLAIN, PASS, FAST);
  const e = await assertRejects(
    () => decryptCredentials(text, "correct horse battery stapler", WHERE),
    WrongPassphrase,
  );
  assertEquals(e.message, "Cannot unlock the kraken key: wrong passphrase");
  assert(e instanceof AuthenticationError);
});

Deno.test("cipher: the passphrase is compared in Unicode NFC, so é typed either way opens the key", async () => {
  const text = await encryptCredentials(PLAIN, "caf\u00e9 au lait", FAST);
  const creds = await decryptCredentials(text, "cafe\u0301 au lait", WHERE);
  assertEquals(creds.secret.reveal(), PLAIN.secret);
});

/** Replaces one base64 character of field `i` with another valid one. */
function flip(text: string, i: number, at = 4): string {
  const fields = text.split("$");
  const f = fields[i];
  fields[i] = f.slice(0, at) + (f[at] === "A" ? "B" : "A") + f.slice(at + 1);
  return fields.join("$");
}

Deno.test("cipher: a changed ciphertext character is reported as damaged, not as a wrong passphrase", async () => {
  const text = await encryptCredentials(PLAIN, PASS, FAST);
  const e = await assertRejects(() => decryptCredentials(flip(text, 6), PASS, WHERE), CorruptSecret);
  assertEquals(
    e.message,
    "Cannot unlock the kraken key: [kraken] secret in pytrader.ini line 30: the encrypted data does not match " +
      "its authentication tag (damaged or edited)",
  );
  assert(e instanceof ConfigError && !(e instanceof AuthenticationError));
  assertEquals(
    (e as CorruptSecret).hint,
    "Run 'pytrader --add-secret --exchange kraken' to store the key again.",
  );
  assertEquals((e as CorruptSecret).line, 30);
});

Deno.test("cipher: a changed nonce or cut-off ciphertext is damaged too", async () => {
  const text = await encryptCredentials(PLAIN, PASS, FAST);
  await assertRejects(
    () => decryptCredentials(flip(text, 5), PASS, WHERE),
    CorruptSecret,
    "authentication tag",
  );
  await assertRejects(() => decryptCredentials(text.slice(0, -8), PASS, WHERE), CorruptSecret, "damaged");
});

Deno.test("cipher: unknown versions and formats give their own messages, before any derivation", async () => {
  const text = await encryptCredentials(PLAIN, PASS, FAST);
  const cases: Array<[string, string]> = [
    [
      text.replace(/^v1/, "v2"),
      "Cannot unlock the kraken key: [kraken] secret in pytrader.ini line 30: the stored value is in format v2, " +
      "which this version of PyTrader cannot read",
    ],
    [
      "JdfFowB7vW/oij1JHfyTHpObAx1dKqS9QrNXTX7GghRgyEuhXz5i1LXs0TfEDul8kd2VB4DzDoG3cbPZIV1q1OW4PVld2JDUlb4As+0Y",
      'Cannot unlock the kraken key: [kraken] secret in pytrader.ini line 30: the stored value is not an encrypted key (it should start with "v1$scrypt$")',
    ],
    [text.replace("$scrypt$", "$argon2id$"), 'uses key derivation "argon2id", not scrypt'],
    [text.split("$").slice(0, 5).join("$"), "has 5 fields instead of 7 (cut short?)"],
    [text.replace("N=1024,r=8,p=1", "N=1024;r=8"), 'the scrypt parameters "N=1024;r=8" are not N=…,r=…,p=…'],
    [
      text.replace("N=1024", "N=1073741824"),
      "the scrypt parameters are out of range: N=1073741824 is not a power",
    ],
    [text.replace("N=1024", "N=1000"), "N=1000 is not a power of two"],
    [text.replace(/^((?:[^$]+\$){3})./, "$1*"), "the salt is not base64"],
    [flip(text, 3, 22), "the salt is 17 bytes instead of 16"],
    [text.replace(/\$([^$]+)\$([^$]+)\$([^$]+)$/, "$$$1$$AAAA$$$3"), "the nonce is 3 bytes instead of 12"],
    [text.replace(/\$[^$]+$/, "$AAAAAAAA"), "the ciphertext is too short (cut short?)"],
  ];
  for (const [bad, message] of cases) {
    const e = await assertRejects(() => decryptCredentials(bad, PASS, WHERE), CorruptSecret, message);
    assert(!e.message.includes("wrong passphrase"), e.message);
  }
});
