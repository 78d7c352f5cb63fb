/** Raw frames are a core type (the FrameSource capability names them); re-exported for lib/net's users. */
export type { FrameTap, RawFrame } from "../core/frames.ts";
