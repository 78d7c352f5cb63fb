import { assertEquals, assertRejects } from "../assert.ts";
import { ConfigError } from "../../lib/core/errors.ts";
import { parseIni } from "../../lib/config/mod.ts";
import { readStoredSecret, saveStoredSecret } from "../../lib/secrets/mod.ts";

const USER_INI = `\uFEFF; my settings, hand edited
[pytrader]
exchange = kraken   ; trailing comment kept
pair = ETH/BTC\r
# odd spacing stays as written
[kraken]
rest_url=https://api.kraken.com
  ws_url   =   wss://ws.kraken.com/v2

[strategy.balancer]
simulate = True`;

async function iniFile(text: string, mode = 0o644): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader-secrets-" });
  const path = `${dir}/pytrader.ini`;
  await Deno.writeTextFile(path, text, { mode });
  await Deno.chmod(path, mode);
  return path;
}

const modeOf = async (path: string) => (await Deno.stat(path)).mode! & 0o777;
const dirEntries = async (path: string) =>
  (await Array.fromAsync(Deno.readDir(path.slice(0, path.lastIndexOf("/"))))).map((e) => e.name);

Deno.test("ini store: adds [kraken] secret after the section's last key; every other byte stays; mode 0600", async () => {
  const path = await iniFile(USER_INI, 0o644);
  await saveStoredSecret(path, "kraken", "v1$scrypt$N=1024,r=8,p=1$AAAA");
  assertEquals(
    await Deno.readTextFile(path),
    USER_INI.replace(
      "  ws_url   =   wss://ws.kraken.com/v2\n",
      "  ws_url   =   wss://ws.kraken.com/v2\nsecret = v1$scrypt$N=1024,r=8,p=1$AAAA\n",
    ),
  );
  const bytes = await Deno.readFile(path);
  assertEquals([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  assertEquals(await modeOf(path), 0o600);
  assertEquals(await dirEntries(path), ["pytrader.ini"]);
});

Deno.test("ini store: replacing a stored secret changes that line only", async () => {
  const before = "; keys\n[kraken]\nsecret   =   v1$old\nrest_url = https://api.kraken.com\n";
  const path = await iniFile(before, 0o600);
  await saveStoredSecret(path, "kraken", "v1$new");
  assertEquals(
    await Deno.readTextFile(path),
    "; keys\n[kraken]\nsecret   =   v1$new\nrest_url = https://api.kraken.com\n",
  );
  assertEquals(await modeOf(path), 0o600);
});

Deno.test("ini store: a venue without a section gets one at the end; a missing file is created 0600", async () => {
  const path = await iniFile("[pytrader]\nexchange = kraken\n");
  await saveStoredSecret(path, "bitstamp", "v1$x");
  assertEquals(await Deno.readTextFile(path), "[pytrader]\nexchange = kraken\n\n[bitstamp]\nsecret = v1$x\n");
  const fresh = `${await Deno.makeTempDir()}/new.ini`;
  await saveStoredSecret(fresh, "kraken", "v1$y");
  assertEquals(await modeOf(fresh), 0o600);
  assertEquals(
    readStoredSecret(parseIni(await Deno.readTextFile(fresh), fresh), fresh, "kraken")?.text,
    "v1$y",
  );
});

Deno.test("ini store: a broken ini is reported with its line and left alone", async () => {
  const broken = "[kraken]\nthis is not a setting\n";
  const path = await iniFile(broken);
  await assertRejects(() => saveStoredSecret(path, "kraken", "v1$x"), ConfigError, "line 2");
  assertEquals(await Deno.readTextFile(path), broken);
});

Deno.test("ini store: readStoredSecret gives the value and its line, nothing for an absent or empty one", () => {
  const doc = parseIni("[kraken]\nrest_url = x\nsecret = v1$abc\n[bitstamp]\nsecret =\n", "p.ini");
  assertEquals(readStoredSecret(doc, "p.ini", "kraken"), {
    text: "v1$abc",
    where: { venue: "kraken", file: "p.ini", line: 3 },
  });
  assertEquals(readStoredSecret(doc, "p.ini", "bitstamp"), undefined);
  assertEquals(readStoredSecret(doc, "p.ini", "poloniex"), undefined);
});
