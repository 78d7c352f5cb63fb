/**
 * The whole path a key takes (add, store, unlock, use, fail) with a scan of everything a user or a log
 * collector could see: the log file, the ini, the prompts and messages, errors, JSON and Deno.inspect.
 */

import { assertEquals } from "../assert.ts";
import { FileSink, Logger, MemorySink } from "../../lib/log/mod.ts";
import { loadTestConfig } from "../fixtures/venues.ts";
import { krakenVenue } from "../../exchanges/kraken/venue.ts";
import { addSecret } from "../../lib/cli/commands/add_secret.ts";
import { unlockSecrets } from "../../lib/cli/unlock.ts";
import { FAST, ScriptedIo } from "./scripted_io.ts";

const KEY = "LEAKCHECK-KEY-Xf7sPq2LkVb9mTq3ZrJ8yHn4WcE6uA1dG5oR0iK2sM7vN3bQ8tL4";
const SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
const PASS = "leak check passphrase";
const NEEDLES = [KEY, SECRET, encodeURIComponent(SECRET), btoa(KEY), btoa(SECRET), PASS];

function leaks(where: string, text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n)).map((n) => `${where} contains ${n.slice(0, 12)}…`);
}

Deno.test("leak scan: key, secret and passphrase appear in no log line, file, message, error, JSON or inspect", async () => {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-leak-" });
  const iniPath = `${dir}/pytrader.ini`;
  const logPath = `${dir}/pytrader.log`;
  const file = new FileSink(logPath);
  const memory = new MemorySink();
  const logger = new Logger([file, memory]);
  const log = logger.log("test");
  const found: string[] = [];
  const seen: Array<[string, string]> = [];

  const config = await loadTestConfig(iniPath);
  const addIo = new ScriptedIo(false, [KEY, SECRET, PASS]);
  assertEquals(await addSecret(addIo, config, krakenVenue, FAST), 0);
  seen.push(["add-secret stderr", addIo.stderr], ["add-secret stdout", addIo.stdout.join("\n")]);

  const reloaded = await loadTestConfig(iniPath);
  const unlockIo = new ScriptedIo(true, ["wrong one", PASS]);
  const creds = await unlockSecrets({
    venue: "kraken",
    config: reloaded,
    logger,
    io: unlockIo,
    env: { get: () => undefined, delete: () => {} },
  });
  if (creds === null) throw new Error("not unlocked");
  seen.push(["unlock prompts", unlockIo.stderr]);

  // Careless code: every way a credential could reach a log line.
  log.info(`key ${creds.key} secret ${creds.secret}`);
  log.info(`signing with ${creds.secret.reveal()} for ${creds.key.reveal()}`);
  log.debug(`POST nonce=1&sig=${encodeURIComponent(creds.secret.reveal())}`);
  log.warn(JSON.stringify({ creds }));
  log.error(Deno.inspect(creds, { depth: 5 }));
  log.error(new Error(`request failed for ${creds.key.reveal()}`).message);

  const errors: unknown[] = [];
  for (const [answers, tty] of [[["x", "y", "z", "q"], true], [[], false]] as const) {
    await unlockSecrets({
      venue: "kraken",
      config: reloaded,
      logger,
      io: new ScriptedIo(tty, [...answers]),
      env: { get: () => undefined, delete: () => {} },
    }).catch((e) => errors.push(e));
  }
  const damaged = await Deno.readTextFile(iniPath);
  await Deno.writeTextFile(iniPath, damaged.replace(/(secret = v1\$.*)....$/m, "$1AAAA"));
  await unlockSecrets({
    venue: "kraken",
    config: await loadTestConfig(iniPath),
    logger,
    io: new ScriptedIo(true, [PASS]),
    env: { get: () => undefined, delete: () => {} },
  }).catch((e) => errors.push(e));
  assertEquals(errors.map((e) => (e as Error).name), [
    "WrongPassphrase",
    "PassphraseRequired",
    "CorruptSecret",
  ]);
  file.close();

  seen.push(
    ["log file", await Deno.readTextFile(logPath)],
    ["log panes", memory.lines().join("\n")],
    ["ini", damaged],
    ["JSON.stringify", JSON.stringify(creds)],
    ["Deno.inspect", Deno.inspect(creds, { showHidden: true, depth: 10 })],
    ["String", `${creds.key} ${creds.secret}`],
    ["structuredClone", JSON.stringify(structuredClone({ ...creds }))],
  );
  for (const e of errors) {
    seen.push(["error", `${(e as Error).stack} ${JSON.stringify(e)} ${Deno.inspect(e)}`]);
  }
  assertEquals(leaks("probe", creds.key.reveal()).length, 1); // the scan itself finds what it looks for
  for (const [where, text] of seen) found.push(...leaks(where, text));
  assertEquals(found, []);
  assertEquals(memory.lines().length, 6);
  assertEquals(memory.lines().filter((l) => l.includes("[redacted]")).length, 6);
});
