import type { ExchangeEvent } from "../core/events.ts";
import type { RawFrame } from "../core/frames.ts";

/** The decoder contract is a core type (venue descriptors supply one); re-exported for lib/record's users. */
export type { ReplayDecoder } from "../core/replay_decoder.ts";

/**
 * What a ReplayDecoder may also offer (KrakenDecoder does): decode() of a frame whose text is
 * text[start, end), so replay need not cut each frame out of the chunk of lines it read. `frame.data` is
 * not there.
 */
export interface InPlaceDecoder {
  decodeAt(
    frame: Omit<RawFrame, "data">,
    text: string,
    start: number,
    end: number,
  ): readonly ExchangeEvent[] | null;
}
