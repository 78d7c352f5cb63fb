/** One raw inbound message as it came off the wire, for recording (DESIGN.md §10). */
export interface RawFrame {
  /** Arrival time, ms since the epoch. */
  readonly t: number;
  readonly src: "ws" | "rest";
  readonly url: string;
  /** The frame text exactly as received. */
  readonly data: string;
}

/** Receives every raw inbound frame of an adapter. Must not throw and must not keep the adapter waiting. */
export type FrameTap = (frame: RawFrame) => void;
