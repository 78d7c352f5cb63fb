import type { BookVerifier } from "./capabilities.ts";
import type { ExchangeEvent } from "./events.ts";
import type { RawFrame } from "./frames.ts";
import type { Instrument } from "./instrument.ts";

/**
 * A venue's own parse path with no network, for `pytrader replay` and backtests: what the adapter does with
 * a frame, minus the connection. Each venue descriptor supplies one, so lib/record never imports a venue.
 */
export interface ReplayDecoder extends Partial<BookVerifier> {
  readonly venue: string;
  /** The events of one recorded frame, or null when the frame was rejected (malformed, unknown...). */
  decode(frame: RawFrame): readonly ExchangeEvent[] | null;
  instrument(symbol: string): Instrument | undefined;
  /** Levels the venue keeps for this book (the subscribed depth), when the recording says. */
  bookDepth?(symbol: string): number | undefined;
}
