/** Composition root: parses argv, builds the parts, runs the UI or a one-shot command. */
import { runCli, type UiStarter } from "./lib/cli/mod.ts";
import { createExchange, PAPER, replayDecoders, VENUES } from "./exchanges/mod.ts";
import { configSchema } from "./lib/config/mod.ts";
import { terminalIo } from "./lib/secrets/mod.ts";

const startUi: UiStarter = async (ctx, opts) => {
  const { startApp } = await import("./lib/app/start_app.ts");
  return startApp(ctx, opts);
};

/** One terminal io per process: it keeps typed-ahead bytes between prompts. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    venues: VENUES,
    schema: configSchema(VENUES, [PAPER]),
    createExchange,
    replayDecoders,
    promptIo: once(() => terminalIo()),
    startHeadless: async (ctx, opts) => {
      const { headlessCommand } = await import("./lib/app/run_headless.ts");
      return headlessCommand(ctx, opts);
    },
  }, startUi);
  Deno.exit(code);
}
