import { assert, assertEquals, assertRejects } from "../assert.ts";
import { parseIni } from "../../lib/config/mod.ts";
import { Logger } from "../../lib/log/mod.ts";
import { MAX_TRIES, PASSPHRASE_PROMPT, unlockSecrets, VIEW_ONLY_PROMPT } from "../../lib/cli/unlock.ts";
import {
  CorruptSecret,
  encryptCredentials,
  PassphraseRequired,
  PromptAborted,
  WrongPassphrase,
} from "../../lib/secrets/mod.ts";
import { type Answer, CTRL_C, FAST, ScriptedIo } from "./scripted_io.ts";

const KEY = "Xf7sPq2LkVb9mTq3ZrJ8yHn4WcE6uA1dG5oR0iK2sM7vN3bQ8tL4";
const SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
const PASS = "open sesame";
const SEALED = await encryptCredentials({ key: KEY, secret: SECRET }, PASS, FAST);

function config(secretLine = `secret = ${SEALED}`) {
  const path = "/home/u/pytrader.ini";
  return { path, doc: parseIni(`[pytrader]\nexchange = kraken\n[kraken]\n${secretLine}\n`, path) };
}

const noEnv = () => ({ get: (_: string): string | undefined => undefined, delete: (_: string) => {} });

function run(
  answers: Answer[],
  opts: { tty?: boolean; env?: Record<string, string>; passphraseFile?: string; password?: string } = {},
  cfg = config(),
) {
  const io = new ScriptedIo(opts.tty ?? true, answers);
  const logger = new Logger();
  const env = opts.env === undefined ? noEnv() : { get: (k: string) => opts.env![k], delete: () => {} };
  const result = unlockSecrets({
    venue: "kraken",
    config: cfg,
    logger,
    io,
    env,
    passphraseFile: opts.passphraseFile,
    password: opts.password,
  });
  return { io, logger, result };
}

Deno.test("unlock: no stored secret means view-only, silently", async () => {
  for (const line of ["rest_url = https://api.kraken.com", "secret ="]) {
    const { io, result } = run([], {}, config(line));
    assertEquals(await result, null);
    assertEquals(io.asked, []);
    assertEquals(io.stderr, "");
  }
});

Deno.test("unlock: asks 'enter passphrase for secret: ' hidden; the credentials come back as Secrets", async () => {
  const { io, logger, result } = run([PASS]);
  const creds = await result;
  assertEquals(io.asked, [{ prompt: "enter passphrase for secret: ", hidden: true }]);
  assertEquals(PASSPHRASE_PROMPT, "enter passphrase for secret: ");
  assertEquals(creds?.key.reveal(), KEY);
  assertEquals(creds?.secret.reveal(), SECRET);
  assertEquals(String(creds?.secret), "[redacted]");
  assertEquals(
    logger.redact(`key=${KEY} sig=${encodeURIComponent(SECRET)}`),
    "key=[redacted] sig=[redacted]",
  );
});

Deno.test("unlock: a wrong passphrase says so and asks again, up to 3 tries", async () => {
  const { io, result } = run(["nope", "still no", PASS]);
  assertEquals((await result)?.key.reveal(), KEY);
  assertEquals(io.asked.length, 3);
  assert(io.stderr.includes("wrong passphrase, 2 tries left\n"), io.stderr);
  assert(io.stderr.includes("wrong passphrase, 1 try left\n"), io.stderr);
});

Deno.test("unlock: after 3 wrong tries, Enter continues view-only", async () => {
  const { io, result } = run(["a", "b", "c", ""]);
  assertEquals(await result, null);
  assertEquals(MAX_TRIES, 3);
  assertEquals(io.asked.map((a) => a.prompt), [
    PASSPHRASE_PROMPT,
    PASSPHRASE_PROMPT,
    PASSPHRASE_PROMPT,
    VIEW_ONLY_PROMPT,
  ]);
  assertEquals(io.asked[3].hidden, false);
  assertEquals(
    VIEW_ONLY_PROMPT,
    "press Enter to continue in view-only mode (trading disabled) or 'q' to quit: ",
  );
  assert(
    io.stderr.includes("Cannot unlock the kraken key: wrong passphrase\n" + VIEW_ONLY_PROMPT),
    io.stderr,
  );
  assert(io.stderr.endsWith("starting in view-only mode: trading disabled\n"), io.stderr);
});

Deno.test("unlock: after 3 wrong tries, 'q' quits with the wrong passphrase error (exit 3)", async () => {
  for (const quit of ["q", " Q "]) {
    const { result } = run(["a", "b", "c", quit]);
    const e = await assertRejects(
      () => result,
      WrongPassphrase,
      "Cannot unlock the kraken key: wrong passphrase",
    );
    assertEquals(
      (e as WrongPassphrase).hint,
      "If the passphrase is lost, run 'pytrader --add-secret --exchange kraken' to store the key again.",
    );
  }
});

Deno.test("unlock: an empty passphrase goes straight to the view-only offer; Ctrl-C aborts", async () => {
  const { io, result } = run(["", ""]);
  assertEquals(await result, null);
  assertEquals(io.asked.map((a) => a.prompt), [PASSPHRASE_PROMPT, VIEW_ONLY_PROMPT]);
  await assertRejects(() => run([CTRL_C]).result, PromptAborted);
});

Deno.test("unlock: PYTRADER_PASSPHRASE unlocks without asking; a wrong one fails at once naming its source", async () => {
  const ok = run([], { env: { PYTRADER_PASSPHRASE: PASS }, tty: false });
  assertEquals((await ok.result)?.secret.reveal(), SECRET);
  assertEquals(ok.io.asked, []);
  const bad = run([], { env: { PYTRADER_PASSPHRASE: "wrong" } });
  const e = await assertRejects(
    () => bad.result,
    WrongPassphrase,
    "Cannot unlock the kraken key: wrong passphrase",
  );
  assertEquals((e as WrongPassphrase).hint, "The passphrase came from PYTRADER_PASSPHRASE.");
  assertEquals(bad.io.asked, []);
});

Deno.test("unlock: --passphrase-file unlocks, warning when the file is readable by others", async () => {
  const file = await Deno.makeTempFile();
  await Deno.writeTextFile(file, PASS + "\n");
  await Deno.chmod(file, 0o640);
  const { io, result } = run([], { passphraseFile: file, tty: false });
  assertEquals((await result)?.key.reveal(), KEY);
  assertEquals(
    io.stderr,
    `warning: ${file} can be read by other users (mode 0640); run: chmod 600 ${file}\n`,
  );
});

Deno.test("unlock: --password unlocks with the original's warning about shell history", async () => {
  const { io, result } = run([], { password: PASS, tty: false });
  assertEquals((await result)?.key.reveal(), KEY);
  assert(
    io.stderr.startsWith("warning: --password is dangerous: the passphrase may end up in your shell history"),
  );
});

Deno.test("unlock: no terminal and no passphrase source is an authentication error with a hint", async () => {
  const { result } = run([], { tty: false });
  const e = await assertRejects(() => result, PassphraseRequired);
  assertEquals(e.message, "Cannot unlock the kraken key: no passphrase given and stdin is not a terminal");
  assertEquals(
    (e as PassphraseRequired).hint,
    "Set PYTRADER_PASSPHRASE, pass --passphrase-file FILE, or remove [kraken] secret to run view-only.",
  );
});

Deno.test("unlock: a damaged value is reported with its file and line before any prompt", async () => {
  const { io, result } = run([PASS], {}, config("secret = v2$scrypt$whatever"));
  const e = await assertRejects(() => result, CorruptSecret);
  assertEquals(
    e.message,
    "Cannot unlock the kraken key: [kraken] secret in /home/u/pytrader.ini line 4: the stored value is in " +
      "format v2, which this version of PyTrader cannot read",
  );
  assertEquals(io.asked, []);
});
