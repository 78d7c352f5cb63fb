import { assertEquals, assertRejects } from "../assert.ts";
import { UsageError } from "../../lib/core/errors.ts";
import { findPassphrase, PASSWORD_WARNING } from "../../lib/secrets/mod.ts";

function fakeEnv(vars: Record<string, string>) {
  const map = new Map(Object.entries(vars));
  return { map, get: (k: string) => map.get(k), delete: (k: string) => void map.delete(k) };
}

async function file(text: string, mode: number): Promise<string> {
  const path = await Deno.makeTempFile({ prefix: "pytrader-pass-" });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, mode);
  return path;
}

Deno.test("passphrase source: PYTRADER_PASSPHRASE comes first and is removed from the environment", async () => {
  const env = fakeEnv({ PYTRADER_PASSPHRASE: " spaced pass " });
  const found = await findPassphrase({ env, password: "other", passphraseFile: "/nonexistent" });
  assertEquals(found, { passphrase: " spaced pass ", source: "PYTRADER_PASSPHRASE", warnings: [] });
  assertEquals(env.map.has("PYTRADER_PASSPHRASE"), false);
});

Deno.test("passphrase source: --passphrase-file reads the first line exactly; warns when others can read it", async () => {
  const env = fakeEnv({});
  const quiet = await file("my pass phrase\n", 0o600);
  assertEquals(await findPassphrase({ env, passphraseFile: quiet }), {
    passphrase: "my pass phrase",
    source: `--passphrase-file ${quiet}`,
    warnings: [],
  });
  const open = await file("my pass phrase\r\nignored\n", 0o644);
  const found = await findPassphrase({ env, passphraseFile: open });
  assertEquals(found?.passphrase, "my pass phrase");
  assertEquals(found?.warnings, [
    `warning: ${open} can be read by other users (mode 0644); run: chmod 600 ${open}`,
  ]);
});

Deno.test("passphrase source: a missing or empty passphrase file is a usage error", async () => {
  const env = fakeEnv({});
  await assertRejects(
    () => findPassphrase({ env, passphraseFile: "/nonexistent/pass" }),
    UsageError,
    "Cannot read the passphrase file /nonexistent/pass:",
  );
  await assertRejects(
    () => findPassphrase({ env, passphraseFile: "/dev/null" }),
    UsageError,
    "its first line is empty",
  );
});

Deno.test("passphrase source: --password works with the original's warning; nothing given is undefined", async () => {
  const env = fakeEnv({ PYTRADER_PASSPHRASE: "" });
  assertEquals(await findPassphrase({ env, password: "pw" }), {
    passphrase: "pw",
    source: "--password",
    warnings: [PASSWORD_WARNING],
  });
  assertEquals(PASSWORD_WARNING.includes("shell history (for example ~/.bash_history)"), true);
  assertEquals(await findPassphrase({ env }), undefined);
});
