/** Composition root: parses argv, builds the parts, runs the UI or a one-shot command. */
import { runCli, type UiStarter } from "./lib/cli/mod.ts";
import { createExchange, createReplayDecoder, EXCHANGE_NAMES } from "./exchanges/mod.ts";

const startUi: UiStarter = async (ctx, opts) => {
  const { startApp } = await import("./lib/app/start_app.ts");
  return startApp(ctx, opts);
};

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    createExchange,
    exchangeNames: EXCHANGE_NAMES,
    replayDecoder: createReplayDecoder,
  }, startUi);
  Deno.exit(code);
}
