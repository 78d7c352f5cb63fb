import { assert, assertEquals, assertStringIncludes } from "../assert.ts";
import type { PromptIo } from "../../lib/secrets/mod.ts";
import { cli } from "./helpers.ts";

const KEY = "Kraken-test-key-0123456789";
const SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

/** A provisioning script's stdin: lines, no terminal. */
function piped(lines: string[]): PromptIo & { written: string[] } {
  const queue = [...lines];
  const written: string[] = [];
  return {
    isTerminal: false,
    written,
    write: (t) => void written.push(t),
    out: (t) => void written.push(t),
    readLine: () => Promise.resolve(queue.shift()),
    readHidden: () => Promise.resolve(queue.shift()),
  };
}

async function provisioned(): Promise<{ dir: string; ini: string }> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-secret-" });
  const ini = `${dir}/pytrader.ini`;
  const io = piped([KEY, SECRET, "correct horse battery staple"]);
  const r = await cli(["--add-secret", "--exchange", "kraken", "--config", ini], dir, io);
  assertEquals(r.code, 0, r.stderr);
  assertStringIncludes(io.written.join("\n"), `encrypted secret has been saved in ${ini}`);
  return { dir, ini };
}

Deno.test("--add-secret stores the key pair encrypted in [kraken], file mode 0600, nothing in clear", async () => {
  const { dir, ini } = await provisioned();
  const text = await Deno.readTextFile(ini);
  assert(/\[kraken\][^[]*\nsecret = v1\$scrypt\$/.test(text), text);
  assert(!text.includes(KEY) && !text.includes(SECRET), "no clear key or secret in the ini");
  assertEquals((await Deno.stat(ini)).mode! & 0o777, 0o600);
  const log = await Deno.readTextFile(`${dir}/pytrader.log`);
  assert(!log.includes(KEY) && !log.includes(SECRET), "no key or secret in the log");
});

Deno.test("a wrong passphrase exits 3 and says so; the right one starts; no passphrase and no terminal exits 3 with a hint", async () => {
  const { dir, ini } = await provisioned();
  await Deno.writeTextFile(`${dir}/wrong.txt`, "not the passphrase\n", { mode: 0o600 });
  await Deno.writeTextFile(`${dir}/right.txt`, "correct horse battery staple\n", { mode: 0o600 });
  const wrong = await cli(
    ["--exchange", "kraken", "--config", ini, "--passphrase-file", `${dir}/wrong.txt`],
    dir,
  );
  assertEquals(wrong.code, 3);
  assertStringIncludes(wrong.stderr, "Cannot unlock the kraken key: wrong passphrase");
  const right = await cli(
    ["--exchange", "kraken", "--config", ini, "--passphrase-file", `${dir}/right.txt`],
    dir,
  );
  assertEquals(right.code, 0, right.stderr);
  const none = await cli(["--exchange", "kraken", "--config", ini], dir);
  assertEquals(none.code, 3);
  assertStringIncludes(none.stderr, "PYTRADER_PASSPHRASE");
});

Deno.test("--add-secret for sim is a usage error and writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  const r = await cli(["--add-secret", "--exchange", "sim"], dir, piped([KEY, SECRET, "pw"]));
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, "Cannot add a key for sim");
  assert(!(await Deno.readTextFile(`${dir}/pytrader.ini`)).includes("secret ="));
});
