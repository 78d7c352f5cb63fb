import type { BookReader } from "../core/exchange.ts";
import type { ExchangeEvent } from "../core/events.ts";
import type { Instrument } from "../core/instrument.ts";
import type { RawFrame } from "../net/raw_frame.ts";

/**
 * What replay needs of a venue: the adapter's own parse path, with no network (for Kraken,
 * `createKrakenDecoder()` from exchanges/kraken). Supplied by the composition root, so lib/record never
 * imports an exchange.
 */
export interface ReplayDecoder {
  readonly venue: string;
  /** The events of one recorded frame, or null when the frame was rejected (malformed, unknown...). */
  decode(frame: RawFrame): readonly ExchangeEvent[] | null;
  instrument(symbol: string): Instrument | undefined;
  /** Levels the venue keeps for this book (the subscribed depth), when the recording says. */
  bookDepth?(symbol: string): number | undefined;
  /** The venue's checksum of a book, for venues whose book messages carry one. */
  bookChecksum?(instrument: Instrument, book: BookReader): number;
}
