import { assert, assertEquals, assertRejects } from "../assert.ts";
import { UsageError } from "../../lib/core/errors.ts";
import { parseIni } from "../../lib/config/mod.ts";
import { krakenVenue } from "../../exchanges/kraken/venue.ts";
import { simVenue } from "../../exchanges/sim/venue.ts";
import { addSecret, TYPO_MESSAGE } from "../../lib/cli/commands/add_secret.ts";
import { decryptCredentials, readStoredSecret } from "../../lib/secrets/mod.ts";
import { type Answer, CTRL_C, END, FAST, ScriptedIo } from "../secrets/scripted_io.ts";

const KEY = "Xf7sPq2LkVb9mTq3ZrJ8yHn4WcE6uA1dG5oR0iK2sM7vN3bQ8tL4";
const SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
const INI = "; mine\n[pytrader]\nexchange = kraken\n\n[kraken]\nrest_url = https://api.kraken.com\n";

async function ini(text = INI): Promise<{ path: string }> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-add-secret-" });
  const path = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, 0o644);
  return { path };
}

async function stored(path: string, passphrase: string) {
  const text = await Deno.readTextFile(path);
  const s = readStoredSecret(parseIni(text, path), path, "kraken");
  assert(s !== undefined, "nothing stored");
  const creds = await decryptCredentials(s.text, passphrase, s.where);
  return { key: creds.key.reveal(), secret: creds.secret.reveal(), text };
}

Deno.test("--add-secret: asks key and secret visibly, the passphrase twice hidden, saves, exits 0", async () => {
  const config = await ini();
  const io = new ScriptedIo(true, [` ${KEY} `, SECRET, "pass phrase", "pass phrase"]);
  assertEquals(await addSecret(io, config, krakenVenue, FAST), 0);
  assertEquals(io.asked, [
    { prompt: "key: ", hidden: false },
    { prompt: "secret: ", hidden: false },
    { prompt: "passphrase: ", hidden: true },
    { prompt: "passphrase (again): ", hidden: true },
  ]);
  assertEquals(io.stdout, [`encrypted secret has been saved in ${config.path}`]);
  const s = await stored(config.path, "pass phrase");
  assertEquals([s.key, s.secret], [KEY, SECRET]);
  assertEquals(s.text.replace(/^secret = v1\$.*\n/m, ""), INI);
  assertEquals((await Deno.stat(config.path)).mode! & 0o777, 0o600);
});

Deno.test("--add-secret: a mismatch says so and asks for the passphrase again", async () => {
  const config = await ini();
  const io = new ScriptedIo(true, [KEY, SECRET, "first try", "frist try", "second try", "second try"]);
  assertEquals(await addSecret(io, config, krakenVenue, FAST), 0);
  assertEquals(io.asked.map((a) => a.prompt), [
    "key: ",
    "secret: ",
    "passphrase: ",
    "passphrase (again): ",
    "passphrase: ",
    "passphrase (again): ",
  ]);
  assert(io.stderr.includes(`passphrase (again): \n${TYPO_MESSAGE}\npassphrase: `), io.stderr);
  assertEquals(TYPO_MESSAGE, "you had a typo in the passphrase. try again...");
  assertEquals((await stored(config.path, "second try")).key, KEY);
});

Deno.test("--add-secret: an empty passphrase, end of input or Ctrl-C aborts and writes nothing", async () => {
  const scripts: Answer[][] = [
    [KEY, SECRET, ""],
    [KEY, SECRET, "   "],
    [KEY, SECRET, END],
    [KEY, SECRET, "pass", END],
    [KEY, SECRET, CTRL_C],
    [KEY, SECRET, "pass", CTRL_C],
    [KEY, ""],
    [END],
  ];
  for (const script of scripts) {
    const config = await ini();
    const io = new ScriptedIo(true, script);
    assertEquals(await addSecret(io, config, krakenVenue, FAST), 1, script.map(String).join(","));
    assert(io.stderr.endsWith("aborting\n"), io.stderr);
    assertEquals(io.stdout, []);
    assertEquals(await Deno.readTextFile(config.path), INI);
    assertEquals((await Deno.stat(config.path)).mode! & 0o777, 0o644);
  }
});

Deno.test("--add-secret: with stdin not a terminal, reads key, secret, passphrase as three lines", async () => {
  const config = await ini();
  const io = new ScriptedIo(false, [KEY, SECRET, " spaces count "]);
  assertEquals(await addSecret(io, config, krakenVenue, FAST), 0);
  assertEquals(io.asked.map((a) => a.prompt), ["", "", ""]);
  assertEquals(io.stderr, "");
  assertEquals((await stored(config.path, " spaces count ")).secret, SECRET);
});

Deno.test("--add-secret: a script with fewer than three lines is a usage error; an empty third line aborts", async () => {
  const config = await ini();
  await assertRejects(
    () => addSecret(new ScriptedIo(false, [KEY, SECRET]), config, krakenVenue, FAST),
    UsageError,
    "Cannot add the kraken key: stdin gave 2 of 3 lines (key, secret, passphrase)",
  );
  const io = new ScriptedIo(false, [KEY, SECRET, ""]);
  assertEquals(await addSecret(io, config, krakenVenue, FAST), 1);
  assertEquals(io.stderr, "aborting\n");
  assertEquals(await Deno.readTextFile(config.path), INI);
});

Deno.test("--add-secret: sim needs no key, and a 3-character key is refused", async () => {
  const config = await ini();
  await assertRejects(
    () => addSecret(new ScriptedIo(true, []), config, simVenue, FAST),
    UsageError,
    "Cannot add a key for sim: it needs none",
  );
  await assertRejects(
    () => addSecret(new ScriptedIo(true, ["abc", SECRET, "p", "p"]), config, krakenVenue, FAST),
    UsageError,
    "Cannot add the kraken key: the key is shorter than 4 characters",
  );
  assertEquals(await Deno.readTextFile(config.path), INI);
});

Deno.test("--add-secret: a second run replaces the stored key in place", async () => {
  const config = await ini();
  await addSecret(new ScriptedIo(false, [KEY, SECRET, "one"]), config, krakenVenue, FAST);
  const first = await Deno.readTextFile(config.path);
  await addSecret(new ScriptedIo(false, ["NEWKEY-1234", "NEWSECRET-5678", "two"]), config, krakenVenue, FAST);
  const s = await stored(config.path, "two");
  assertEquals([s.key, s.secret], ["NEWKEY-1234", "NEWSECRET-5678"]);
  assertEquals(s.text.split("\n").length, first.split("\n").length);
});

async function driver(mode: string, path: string, stdin: string, env: Record<string, string> = {}) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../secrets/pty_driver.ts", import.meta.url).pathname, mode, path],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env,
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("--add-secret from a provisioning script's pipe, then an unattended start with PYTRADER_PASSPHRASE", async () => {
  const config = await ini();
  const added = await driver("add", config.path, `${KEY}\n${SECRET}\ncron pass\n`);
  assertEquals(added, { code: 0, stdout: `encrypted secret has been saved in ${config.path}\n`, stderr: "" });
  assertEquals((await Deno.stat(config.path)).mode! & 0o777, 0o600);
  const unlocked = await driver("unlock", config.path, "", { PYTRADER_PASSPHRASE: "cron pass" });
  assertEquals(unlocked.stdout, 'unlocked {"key":"[redacted]","secret":"[redacted]"}\n');
  const refused = await driver("unlock", config.path, "");
  assertEquals(refused.code, 3);
  assertEquals(
    refused.stdout,
    "error Cannot unlock the kraken key: no passphrase given and stdin is not a terminal\n",
  );
});
