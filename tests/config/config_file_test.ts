import assert from "node:assert/strict";
import { ConfigError } from "../../lib/core/errors.ts";
import {
  ensureSection,
  getValue,
  lineOf,
  type LoadedConfig,
  saveSetting,
  strategySection,
  writeFileAtomic,
} from "../../lib/config/mod.ts";
import { loadTestConfig, SCHEMA } from "../fixtures/venues.ts";

const FRESH = `; PyTrader settings. Edit while PyTrader is stopped, or use the keys in the UI.

[pytrader]
exchange = sim
pair = BTC/USD
set_xterm_title = True
dont_truncate_logfile = False
log_file =
show_orderbook_stats = True
highlight_changes = True
orderbook_group = 0
orderbook_sum_total = False
orderbook_depth = 100
display_right = history_chart
depth_chart_group = 1
depth_chart_sum_total = True
history_timeframe = 15
show_ticker = True
show_depth = True
show_trade = True
show_trade_own = True
price_band_pct = 10

[sim]
seed = 1
updates_per_second = 20

[kraken]
rest_url = https://api.kraken.com
ws_url = wss://ws.kraken.com/v2
ws_auth_url = wss://ws-auth.kraken.com/v2
order_transport = rest

[bitstamp]
rest_url = https://www.bitstamp.net
ws_url = wss://ws.bitstamp.net

[poloniex]
rest_url = https://api.poloniex.com
ws_url = wss://ws.poloniex.com/ws/public
ws_auth_url = wss://ws.poloniex.com/ws/private

[paper]
balances = USD:10000 EUR:10000 BTC:1 ETH:10
maker_fee = 0.25
taker_fee = 0.40
`;

async function tempIni(text?: string, mode = 0o600): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "pytrader_config_" });
  const path = `${dir}/pytrader.ini`;
  if (text !== undefined) {
    await Deno.writeTextFile(path, text);
    await Deno.chmod(path, mode);
  }
  return path;
}

async function cleanup(path: string): Promise<void> {
  await Deno.remove(path.slice(0, path.lastIndexOf("/")), { recursive: true });
}

async function dirEntries(path: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(path.slice(0, path.lastIndexOf("/")))) names.push(e.name);
  return names.sort();
}

async function rejection(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  assert.fail("expected a ConfigError");
}

Deno.test("a missing file is created with every default written out, mode 0600", async () => {
  const path = await tempIni();
  const config = await loadTestConfig(path);
  assert.equal(config.created, true);
  assert.equal(await Deno.readTextFile(path), FRESH);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  assert.equal(config.settings.pytrader.exchange, "sim");
  assert.deepEqual(await dirEntries(path), ["pytrader.ini"]);

  const ino = (await Deno.stat(path)).ino;
  const again = await loadTestConfig(path);
  assert.equal(again.created, false);
  assert.equal((await Deno.stat(path)).ino, ino, "a complete file is not rewritten");
  await cleanup(path);
});

Deno.test("a broken file gives the line and stays byte-for-byte untouched by load and save", async () => {
  const broken: Array<[string, number, string]> = [
    ["; mine\r\n[pytrader]\r\nexchange = kraken\r\n\r\n[pytrader\r\n", 5, '"[pytrader" has no closing "]"'],
    ["[pytrader]\ngarbage without equals", 2, 'got "garbage without equals"'],
  ];
  for (const [text, line, detail] of broken) {
    const path = await tempIni(text, 0o640);
    const ino = (await Deno.stat(path)).ino;
    const e = await rejection(loadTestConfig(path));
    assert.ok(e.message.startsWith(`Cannot read ${path} line ${line}: `), e.message);
    assert.ok(e.message.includes(detail), e.message);
    assert.equal(e.file, path);
    assert.equal(e.line, line);
    assert.equal(await Deno.readTextFile(path), text);

    const fake: LoadedConfig = {
      path,
      doc: { bom: "", lines: [] },
      settings: {} as never,
      created: false,
      schema: SCHEMA,
    };
    const e2 = await rejection(saveSetting(fake, "pytrader", "display_right", "depth_chart"));
    assert.equal(e2.line, line);
    assert.equal(await Deno.readTextFile(path), text);
    assert.equal((await Deno.stat(path)).ino, ino);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o640);
    assert.deepEqual(await dirEntries(path), ["pytrader.ini"]);
    await cleanup(path);
  }
});

Deno.test("an invalid value gives the documented message with its line and nothing is written", async () => {
  const text = "[pytrader]\nexchange = sim\n\n\n\n\nhistory_timeframe = 7\n";
  const path = await tempIni(text);
  const e = await rejection(loadTestConfig(path));
  assert.equal(
    e.message,
    `Cannot read ${path} line 7: [pytrader] history_timeframe must be one of 1, 5, 15, 30, 60, 240, 1440, got "7"`,
  );
  assert.equal(e.line, 7);
  assert.equal(await Deno.readTextFile(path), text, "missing keys are not added to an invalid file");
  await cleanup(path);
});

Deno.test("a file that is not UTF-8 is reported with its line and left alone", async () => {
  const path = await tempIni();
  const bytes = new Uint8Array([...new TextEncoder().encode("[pytrader]\npair = BTC/"), 0xff, 0x0a]);
  await Deno.writeFile(path, bytes);
  const e = await rejection(loadTestConfig(path));
  assert.equal(e.message, `Cannot read ${path} line 2: not UTF-8 text`);
  assert.deepEqual(await Deno.readFile(path), bytes);
  await cleanup(path);
});

Deno.test("missing keys are added while unknown keys, sections and comments are kept", async () => {
  const text = [
    "; my own notes\r\n",
    "[pytrader]\r\n",
    "exchange = kraken   \r\n",
    "# old MtGox leftover:\r\n",
    "use_ssl = True\r\n",
    "\r\n",
    "[strategy.balancer]\r\n",
    "distance = 7\r\n",
    "\r\n",
    "[sim]\r\n",
    "seed = 42\r\n",
  ].join("");
  const path = await tempIni(text, 0o644);
  const config = await loadTestConfig(path);
  assert.equal(config.created, false);
  const written = await Deno.readTextFile(path);
  const pytraderRest = FRESH.split("\n").slice(4, 22).map((l) => l + "\r\n").join("");
  assert.equal(
    written,
    [
      "; my own notes\r\n",
      "[pytrader]\r\n",
      "exchange = kraken   \r\n",
      "# old MtGox leftover:\r\n",
      "use_ssl = True\r\n",
      pytraderRest,
      "\r\n",
      "[strategy.balancer]\r\n",
      "distance = 7\r\n",
      "\r\n",
      "[sim]\r\n",
      "seed = 42\r\n",
      "updates_per_second = 20\r\n",
      "\r\n[kraken]\r\nrest_url = https://api.kraken.com\r\nws_url = wss://ws.kraken.com/v2\r\n",
      "ws_auth_url = wss://ws-auth.kraken.com/v2\r\norder_transport = rest\r\n",
      "\r\n[bitstamp]\r\nrest_url = https://www.bitstamp.net\r\nws_url = wss://ws.bitstamp.net\r\n",
      "\r\n[poloniex]\r\nrest_url = https://api.poloniex.com\r\nws_url = wss://ws.poloniex.com/ws/public\r\n",
      "ws_auth_url = wss://ws.poloniex.com/ws/private\r\n",
      "\r\n[paper]\r\nbalances = USD:10000 EUR:10000 BTC:1 ETH:10\r\nmaker_fee = 0.25\r\ntaker_fee = 0.40\r\n",
    ].join(""),
  );
  assert.equal(config.settings.pytrader.exchange, "kraken");
  assert.equal(config.settings.sections.sim!.seed, 42);
  assert.equal(getValue(config.doc, "pytrader", "use_ssl"), "True");
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o644);
  assert.deepEqual(await dirEntries(path), ["pytrader.ini"]);
  await cleanup(path);
});

Deno.test("saveSetting changes one line, keeps the mode and re-reads the file first", async () => {
  const path = await tempIni();
  const config = await loadTestConfig(path);
  await Deno.chmod(path, 0o640);
  // Someone edits the file while PyTrader runs.
  const edited = FRESH.replace("pair = BTC/USD", "pair = ETH/USD").replace(
    "; PyTrader",
    "; edited\n; PyTrader",
  );
  await Deno.writeTextFile(path, edited);

  const saved = await saveSetting(config, "pytrader", "display_right", "depth_chart");
  assert.equal(
    await Deno.readTextFile(path),
    edited.replace("display_right = history_chart", "display_right = depth_chart"),
  );
  assert.equal(saved.settings.pytrader.display_right, "depth_chart");
  assert.equal(saved.settings.pytrader.pair, "ETH/USD");
  assert.equal(saved.created, false);
  assert.equal(lineOf(saved.doc, "pytrader", "display_right"), 15);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o640);
  assert.deepEqual(await dirEntries(path), ["pytrader.ini"]);
  await cleanup(path);
});

Deno.test("saveSetting refuses an invalid value for a known key and writes nothing", async () => {
  const path = await tempIni();
  const config = await loadTestConfig(path);
  const e = await rejection(saveSetting(config, "pytrader", "history_timeframe", "7"));
  assert.equal(
    e.message,
    `Cannot save ${path}: [pytrader] history_timeframe must be one of 1, 5, 15, 30, 60, 240, 1440, got "7"`,
  );
  assert.equal(await Deno.readTextFile(path), FRESH);
  await cleanup(path);
});

Deno.test("quick successive saves do not lose each other", async () => {
  const path = await tempIni();
  const config = await loadTestConfig(path);
  await Promise.all([
    saveSetting(config, "pytrader", "orderbook_sum_total", "True"),
    saveSetting(config, "pytrader", "depth_chart_sum_total", "False"),
    saveSetting(config, "pytrader", "depth_chart_group", "5"),
    saveSetting(config, "strategy.x", "level", "3"),
  ]);
  const final = await loadTestConfig(path);
  assert.equal(final.settings.pytrader.orderbook_sum_total, true);
  assert.equal(final.settings.pytrader.depth_chart_sum_total, false);
  assert.equal(final.settings.pytrader.depth_chart_group, "5");
  assert.deepEqual(strategySection(final.doc, "x"), { level: "3" });
  assert.deepEqual(await dirEntries(path), ["pytrader.ini"]);
  await cleanup(path);
});

Deno.test("saveSetting recreates a file deleted meanwhile, with mode 0600", async () => {
  const path = await tempIni();
  const config = await loadTestConfig(path);
  await Deno.remove(path);
  const saved = await saveSetting(config, "pytrader", "exchange", "kraken");
  assert.equal(saved.created, true);
  assert.equal(await Deno.readTextFile(path), FRESH.replace("exchange = sim", "exchange = kraken"));
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  await cleanup(path);
});

Deno.test("ensureSection writes a strategy's defaults once and keeps the user's values", async () => {
  const path = await tempIni("[strategy.balancer]\ndistance = 9\n");
  const config = await loadTestConfig(path);
  const ensured = await ensureSection(config, "strategy.balancer", [["distance", "7"], ["simulate", "True"]]);
  assert.deepEqual(strategySection(ensured.doc, "balancer"), { distance: "9", simulate: "True" });
  const ino = (await Deno.stat(path)).ino;
  await ensureSection(ensured, "strategy.balancer", [["distance", "7"], ["simulate", "True"]]);
  assert.equal((await Deno.stat(path)).ino, ino, "nothing to add, nothing written");
  const fresh = await ensureSection(ensured, "strategy.buy", [["price", "0"]]);
  assert.ok((await Deno.readTextFile(path)).endsWith("\n[strategy.buy]\nprice = 0\n"));
  assert.deepEqual(strategySection(fresh.doc, "buy"), { price: "0" });
  await cleanup(path);
});

Deno.test("writeFileAtomic replaces the file, keeps or sets the mode, follows symlinks, leaves no temp files", async () => {
  const path = await tempIni("old\n", 0o640);
  await writeFileAtomic(path, "new\n");
  assert.equal(await Deno.readTextFile(path), "new\n");
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o640);

  await writeFileAtomic(path, "newer\n", 0o600);
  assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);

  const other = path.replace("pytrader.ini", "other.ini");
  await writeFileAtomic(other, "x");
  assert.equal((await Deno.stat(other)).mode! & 0o777, 0o600);

  const link = path.replace("pytrader.ini", "link.ini");
  await Deno.symlink(path, link);
  await writeFileAtomic(link, "through the link\n");
  assert.ok((await Deno.lstat(link)).isSymlink);
  assert.equal(await Deno.readTextFile(path), "through the link\n");

  await assert.rejects(
    writeFileAtomic(path.replace("pytrader.ini", "no/such/dir.ini"), "x"),
    Deno.errors.NotFound,
  );
  assert.deepEqual(await dirEntries(path), ["link.ini", "other.ini", "pytrader.ini"]);
  await cleanup(path);
});
