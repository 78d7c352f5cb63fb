import { canResync, isFrameSource, keptDepth, UsageError, verifiesBook } from "../../core/mod.ts";
import { findInstrument } from "../../engine/find_instrument.ts";
import { BookChecker, NdjsonRecorder } from "../../record/mod.ts";
import type { CommandContext } from "../context.ts";
import { emit, type Output, plural } from "../output.ts";

export interface RecordOptions {
  /** NDJSON file to write (replaced if it exists). */
  readonly out: string;
  /** Stop after this many seconds; without it, record until Ctrl-C. */
  readonly duration?: number;
  /** Book levels to subscribe to; default `[pytrader] orderbook_depth`. */
  readonly depth?: number;
  /** Stops the recording when aborted (tests, embedding). */
  readonly signal?: AbortSignal;
}

/**
 * `pytrader record`: subscribes to the pair's book, trades, ticker and candles and writes every raw inbound
 * frame (REST answers included, so the pairs' precisions are in the file) as NDJSON. The book is checked
 * while recording, and resynced on a checksum failure, so the file holds the fresh snapshot too.
 */
export async function recordCommand(ctx: CommandContext, output: Output, opts: RecordOptions): Promise<void> {
  const exchange = await ctx.exchange();
  if (!isFrameSource(exchange)) {
    throw new UsageError(`Cannot record ${exchange.venue}: this exchange does not expose its raw frames`);
  }
  const recorder = await NdjsonRecorder.create(opts.out, exchange.venue);
  const untap = exchange.onFrame((frame) => recorder.write(frame));
  const started = Date.now();
  let events = 0;
  let drain: Promise<void> | null = null;
  let checker: BookChecker | null = null;
  try {
    const inst = await findInstrument(exchange, ctx.pair);
    const settings = ctx.config.settings.pytrader;
    const depth = opts.depth ?? settings.orderbook_depth;
    const venueDepth = keptDepth(exchange, depth);
    const book = new BookChecker({
      instrument: (s) => (s === inst.symbol ? inst : undefined),
      bookDepth: () => venueDepth,
      verifyBook: verifiesBook(exchange) ? exchange.verifyBook.bind(exchange) : undefined,
    }, (symbol) => {
      ctx.log.warn(`Book ${symbol} failed its check while recording: resyncing`);
      if (canResync(exchange)) {
        exchange.resync(symbol).catch((e) => ctx.log.error(`Cannot resync ${symbol}: ${e}`));
      }
    });
    checker = book;
    drain = (async () => {
      for await (const ev of exchange.events()) {
        events++;
        if (ev.kind === "BookSnapshot" || ev.kind === "BookUpdate") book.apply(ev);
        else if (ev.kind === "BookIntegrityLost") book.lost(ev.symbol);
      }
    })();
    await exchange.connect();
    await exchange.subscribe({
      symbol: inst.symbol,
      channels: ["book", "trades", "ticker", "candles"],
      depth,
      timeframe: settings.history_timeframe,
    });
    ctx.log.info(`Recording ${inst.symbol} on ${exchange.venue} to ${opts.out}`);
    await untilStopped(opts);
  } finally {
    untap();
    await exchange.close();
    await drain;
    await recorder.close();
  }
  const value = {
    exchange: exchange.venue,
    pair: ctx.pair,
    file: opts.out,
    frames: recorder.frames,
    bytes: recorder.bytes,
    events,
    checksum: { passed: checker?.passed ?? 0, failed: checker?.failed ?? 0 },
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  emit(
    output,
    ctx.json,
    value,
    () =>
      `Recorded ${plural(value.frames, "frame")} (${
        plural(value.bytes, "byte")
      }) of ${value.pair} in ${value.seconds} s to ${value.file}`,
  );
}

/** Resolves on the duration, Ctrl-C or the abort signal, whichever comes first. */
function untilStopped(opts: RecordOptions): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      Deno.removeSignalListener("SIGINT", done);
      opts.signal?.removeEventListener("abort", done);
      resolve();
    };
    if (opts.signal?.aborted) return resolve();
    if (opts.duration !== undefined) timer = setTimeout(done, opts.duration * 1000);
    Deno.addSignalListener("SIGINT", done);
    opts.signal?.addEventListener("abort", done);
  });
}
