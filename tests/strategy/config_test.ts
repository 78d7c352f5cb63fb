/** `[strategy.<name>]`: declared defaults written to the ini on first load, edits read at the next reload. */
import { assertEquals, assertStringIncludes } from "../assert.ts";
import { loadTestConfig } from "../fixtures/venues.ts";
import { StrategyHost } from "../../lib/strategy/host.ts";
import { iniConfig } from "../../lib/strategy/ini_config.ts";
import { FakePort, memoryLogs, strategyDir, TEST_LIMITS, waitForLine } from "./helpers.ts";

Deno.test("defaults are written once, the file wins afterwards, a reload reads edits", async () => {
  const files = await strategyDir({
    "knobs.ts": `// @ts-nocheck
export const defaults = { level: 1.5, loud: false, label: "plain" };
export default class { onStart(api) { api.log("config", JSON.stringify(api.config)); } }
`,
  });
  const ini = files.path("pytrader.ini");
  const logs = memoryLogs();
  const host = new StrategyHost({
    port: new FakePort(),
    log: logs.logger.log("strategies"),
    strategyLog: logs.logger.log("strategy"),
    config: iniConfig(await loadTestConfig(ini)),
    cwd: files.dir,
    limits: TEST_LIMITS,
  });
  try {
    await host.load("knobs");
    await waitForLine(logs, /config \{"level":1.5,"loud":false,"label":"plain"\}/);
    const text = await Deno.readTextFile(ini);
    assertStringIncludes(text, "[strategy.knobs]\nlevel = 1.5\nloud = False\nlabel = plain\n");
    await Deno.writeTextFile(
      ini,
      text.replace("level = 1.5", "level = 2.25").replace("loud = False", "loud = True"),
    );
    await host.reload();
    await waitForLine(logs, /config \{"level":2.25,"loud":true,"label":"plain"\}/);
    await Deno.writeTextFile(ini, (await Deno.readTextFile(ini)).replace("level = 2.25", "level = lots"));
    await host.reload();
    await waitForLine(logs, /\[strategy\.knobs\] level = "lots" is not a number; using 1.5/);
    assertEquals((await Deno.readTextFile(ini)).match(/\[strategy\.knobs\]/g)?.length, 1);
  } finally {
    await host.close();
    await files.remove();
  }
});
