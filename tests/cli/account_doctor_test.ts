import { assertEquals, assertMatch, assertStringIncludes } from "../assert.ts";
import { clockOffset } from "../../lib/cli/doctor/venue_checks.ts";
import { EventStream, type Exchange } from "../../lib/core/mod.ts";
import { journalPathFor } from "../../lib/engine/mod.ts";
import { Home, PASSPHRASE, quietSim, simDeps } from "./account_helpers.ts";

type Json = Record<string, unknown>;
type CheckJson = { name: string; status: string; detail: string; fix?: string };

const SIM_CHECKS = [
  "config",
  "config mode",
  "journal mode",
  "secret",
  "rest",
  "clock",
  "websocket",
  "key query",
  "key trade",
];

function byName(r: Json): Record<string, CheckJson> {
  return Object.fromEntries((r.checks as CheckJson[]).map((c) => [c.name, c]));
}

Deno.test("doctor on sim: every check ok, exit 0, the documented shape", async () => {
  await using home = await Home.create(simDeps(quietSim()));
  const r = await home.json(["doctor"], 0);
  assertEquals(Object.keys(r), ["ok", "exchange", "config", "checks"]);
  assertEquals([r.ok, r.exchange, r.config], [true, "sim", home.ini]);
  const checks = r.checks as CheckJson[];
  assertEquals(checks.map((c) => c.name), SIM_CHECKS);
  for (const c of checks) {
    assertEquals(c.status, "ok", `${c.name}: ${c.detail}`);
    assertEquals(Object.keys(c), ["name", "status", "detail"]);
  }
  const c = byName(r);
  assertEquals(c.config!.detail, `${home.ini} is readable and every key is known`);
  assertEquals(c["config mode"]!.detail, `${home.ini} has mode 0600`);
  assertEquals(c.secret!.detail, "sim needs no API key");
  assertMatch(c.rest!.detail, /^sim lists 3 pairs, answered in \d+ ms$/);
  // sim runs on the local clock; reading it across a millisecond boundary rounds to 1 ms
  assertMatch(c.clock!.detail, /^the local clock is within [01] ms of sim \(±\d+ ms\)$/);
  assertMatch(c.websocket!.detail, /^connected, first BTC\/USD event after \d+ ms$/);
  assertEquals(c["key query"]!.detail, "the key reads balances (3 assets)");
  assertEquals(c["key trade"]!.detail, "the key may trade (a test order was checked; nothing was placed)");

  const human = await home.run(["doctor"]);
  assertEquals([human.code, human.stderr], [0, ""]);
  const lines = human.stdout.split("\n");
  assertEquals(lines[0], `pytrader doctor: sim, ${home.ini}`);
  assertEquals(lines.length, SIM_CHECKS.length + 2);
  for (const [i, name] of SIM_CHECKS.entries()) {
    assertMatch(lines[i + 1]!, new RegExp(`^ok    ${name}\\s+\\S`));
  }
  assertEquals(lines.at(-1), "9 ok, 0 warning(s), 0 failed");
});

Deno.test("doctor: unknown keys warn (exit 0); a readable journal or key file fails with a chmod fix (exit 1)", async () => {
  await using home = await Home.create(simDeps(quietSim()));
  await home.run(["orders"]); // writes the ini and opens the journal
  const ini = await Deno.readTextFile(home.ini);
  await Deno.writeTextFile(home.ini, ini.replace("[pytrader]\n", "[pytrader]\nhistroy_timeframe = 5\n"));
  const warned = byName(await home.json(["doctor"], 0));
  const line = (await Deno.readTextFile(home.ini)).split("\n").indexOf("histroy_timeframe = 5") + 1;
  assertEquals(warned.config, {
    name: "config",
    status: "warn",
    detail:
      `${home.ini} has keys PyTrader does not know, which have no effect: [pytrader] histroy_timeframe (line ${line})`,
    fix: "correct their spelling or remove them",
  });

  const journal = journalPathFor(home.ini);
  await Deno.chmod(journal, 0o644);
  const r = await home.json(["doctor"], 1);
  assertEquals(r.ok, false);
  assertEquals(r.error, { kind: "DoctorFailed", message: "1 of 9 checks failed: journal mode" });
  assertEquals(byName(r)["journal mode"], {
    name: "journal mode",
    status: "fail",
    detail: `${journal} holds the order history and has mode 0644: other users can read it`,
    fix: `chmod 600 ${journal}`,
  });
  const human = await home.run(["doctor"]);
  assertEquals(human.code, 1);
  assertStringIncludes(human.stdout, `fail  journal mode  ${journal} holds the order history`);
  assertStringIncludes(human.stdout, `fix: chmod 600 ${journal}`);
  assertEquals(human.stdout.split("\n").at(-1), "7 ok, 1 warning(s), 1 failed");
});

Deno.test("doctor: an ini holding any venue's key must be 0600; so must the passphrase file", async () => {
  await using home = await Home.create(simDeps(quietSim()));
  await home.addSecret("kraken", "some-api-key", "some-api-secret", { cheap: true });
  await Deno.chmod(home.ini, 0o640);
  const file = await home.passphraseFile(PASSPHRASE);
  await Deno.chmod(file, 0o604);
  const r = await home.json(["doctor", "--passphrase-file", file], 1);
  const c = byName(r);
  assertEquals(c["config mode"], {
    name: "config mode",
    status: "fail",
    detail: `${home.ini} holds an encrypted API key and has mode 0640: other users can read it`,
    fix: `chmod 600 ${home.ini}`,
  });
  assertEquals(c["passphrase file"]!.status, "fail");
  assertEquals(c["passphrase file"]!.fix, `chmod 600 ${file}`);
  assertEquals((r.error as Json).message, "2 of 10 checks failed: config mode, passphrase file");
});

Deno.test("doctor: a WebSocket that sends nothing fails after the deadline", async () => {
  const sim = quietSim();
  const silent = new EventStream<never>();
  const mute: Exchange = new Proxy(sim, {
    get(target, prop) {
      if (prop === "events") return () => silent;
      if (prop === "close") return () => Promise.resolve(silent.close());
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  await using home = await Home.create({ ...simDeps(sim), createExchange: () => Promise.resolve(mute) });
  const r = await home.json(["doctor", "--timeout", "1"], 1);
  assertEquals(byName(r).websocket, {
    name: "websocket",
    status: "fail",
    detail: "Cannot stream from sim: no event within 1000 ms",
    fix: "check the network and [sim] ws_url in the ini (firewalls often block WebSockets)",
  });
});

Deno.test("clockOffset: whole-second venue times count only beyond their second", () => {
  assertEquals(clockOffset(10_000, 10_400, 10_600), 0, "inside the venue's second");
  assertEquals(clockOffset(10_000, 11_400, 11_600), -501, "local clock ahead");
  assertEquals(clockOffset(10_000, 8_400, 8_600), 1500, "local clock behind");
  assertEquals(clockOffset(10_250, 10_200, 10_300), 0);
  assertEquals(clockOffset(10_250, 12_200, 12_300), -2000);
});
