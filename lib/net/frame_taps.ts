import type { FrameTap, RawFrame } from "../core/frames.ts";

/** The taps `pytrader record` put on an adapter (FrameSource.onFrame): each sees every frame sent to them. */
export class FrameTaps {
  #taps = new Set<FrameTap>();

  /** Adds a tap; returns its removal. */
  add(tap: FrameTap): () => void {
    this.#taps.add(tap);
    return () => this.#taps.delete(tap);
  }

  /** Hands a frame to every tap. */
  readonly send: FrameTap = (frame: RawFrame) => {
    for (const tap of this.#taps) tap(frame);
  };
}
