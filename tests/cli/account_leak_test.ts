/**
 * A full trading run against the fake Kraken through the command line: every line of output, every JSON
 * answer, the log file and the files beside the ini are scanned for the API key and secret.
 */
import { assert, assertEquals } from "../assert.ts";
import { FAKE_KEY } from "../fakes/kraken/server.ts";
import { krakenHome } from "./account_helpers.ts";

/** The values and the forms they could leak in. */
function forms(value: string): string[] {
  return [value, encodeURIComponent(value), btoa(value), value.slice(0, 16), value.slice(-16)];
}

Deno.test("no key or secret in any output, JSON answer, log line or file of a full trading run", async () => {
  await using k = await krakenHome();
  const pf = ["--passphrase-file", k.file];
  const outputs: string[] = [];
  const run = async (args: string[]) => {
    for (const json of [true, false]) {
      const r = await k.home.run([...args, ...pf, ...(json ? ["--json"] : [])]);
      outputs.push(r.stdout, r.stderr);
    }
  };
  await run(["balance"]);
  await run(["buy", "30000", "0.01"]);
  await run(["sell", "90000", "0.01", "--validate"]);
  await run(["orders"]);
  await run(["cancel-all"]);
  await run(["trades"]);
  await run(["doctor"]);
  // a refused key: its error path must not echo the key either
  k.server.privateRest.faults.push({ error: "EAPI:Invalid key" });
  await run(["balance"]);
  const placed = k.server.privateRest.calls.filter((c) => c.method === "AddOrder").length;
  assert(placed >= 2, `the run placed orders (${placed} AddOrder calls)`);

  const files: string[] = [];
  for await (const e of Deno.readDir(k.home.dir)) {
    if (e.isFile && !e.name.endsWith(".sqlite-shm")) {
      files.push(new TextDecoder().decode(await Deno.readFile(`${k.home.dir}/${e.name}`)));
    }
  }
  const log = files.find((f) => f.includes(" INFO ") || f.includes(" WARN "));
  assert(log !== undefined && log.length > 0, "the log file was written");
  const haystack = [...outputs, ...files].join("\n");
  assert(haystack.includes("EAPI:Invalid key"), "the refused-key path ran");
  const found = [FAKE_KEY.key, FAKE_KEY.secret].flatMap(forms).filter((f) => haystack.includes(f));
  assertEquals(found, []);
});
