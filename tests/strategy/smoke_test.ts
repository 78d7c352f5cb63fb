import { assertEquals } from "../assert.ts";
import { fakeHost, strategyDir, waitForLine } from "./helpers.ts";
import { eventually } from "../eventually.ts";

Deno.test("smoke: a strategy loads, sees ticks, logs, trades and unloads", async () => {
  const files = await strategyDir({
    "echo.ts": `// @ts-nocheck
export const defaults = { level: 5, loud: true };
export default class Echo {
  constructor(api) { this.api = api; }
  onStart(api, state) { api.log("started with", JSON.stringify(state), api.config.level, api.config.loud); }
  onTick(t) { this.api.log("tick", t.bid, t.ask); if (t.ask < 0.02) this.id = this.api.buy(t.ask, 1.5); }
  onOwnsChanged(orders, changes) { this.api.log("owns", orders.length, changes.map((c) => c.order.id + ":" + c.order.status).join(",")); }
  onKeypress(k) { this.api.log("key", k); }
  onBeforeUnload() { return { n: 1 }; }
}
`,
  });
  const { host, port, logs } = fakeHost({ cwd: files.dir });
  try {
    const report = await host.load("echo");
    assertEquals(report, { loaded: ["echo"], failed: [] });
    await waitForLine(logs, /started with undefined 5 true/);
    port.quote("0.01990", "0.01995");
    await waitForLine(logs, /tick 0.0199 0.01995/);
    await eventually(() => port.engine.submitted.length === 1, "an order");
    assertEquals(port.engine.submitted[0], {
      side: "buy",
      price: "0.01995",
      volume: "1.50000000",
      owner: "strategy:echo",
      validate: false,
    });
    await waitForLine(logs, /owns 1 echo\.1\.1:pending/);
    host.keypress("x");
    await waitForLine(logs, /key x/);
    await host.reload();
    await waitForLine(logs, /started with \{"n":1\}/);
    console.log(logs.lines().join("\n"));
  } finally {
    await host.close();
    await files.remove();
  }
});
