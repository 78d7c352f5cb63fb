/**
 * Composition root: parses argv, builds the parts, runs the UI or a one-shot command. Everything is loaded
 * when it is needed (the command line, the venues, the screen, the strategy host), so `pytrader --version`
 * loads nothing else and one-shot commands load only what they use. Each `import()` names a module of this
 * project literally, so `deno compile` embeds it.
 */
import { VERSION } from "./lib/core/version.ts";
import type { UiStarter } from "./lib/cli/mod.ts";

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
  if (Deno.args.length === 1 && (Deno.args[0] === "--version" || Deno.args[0] === "-V")) {
    console.log(VERSION);
    Deno.exit(0);
  }
  const [
    { runCli },
    { createExchange, PAPER, paperOver, replayDecoders, VENUES },
    { configSchema },
    { terminalIo },
  ] = await Promise.all([
    import("./lib/cli/mod.ts"),
    import("./exchanges/mod.ts"),
    import("./lib/config/mod.ts"),
    import("./lib/secrets/terminal_io.ts"),
  ]);
  const code = await runCli(Deno.args, {
    venues: VENUES,
    schema: configSchema(VENUES, [PAPER]),
    createExchange,
    replayDecoders,
    paper: paperOver,
    promptIo: once(() => terminalIo()),
    startHeadless: async (ctx, opts) => {
      const { headlessCommand } = await import("./lib/app/run_headless.ts");
      return headlessCommand(ctx, opts);
    },
  }, startUi);
  Deno.exit(code);
}
