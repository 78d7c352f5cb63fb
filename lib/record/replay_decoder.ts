/** The decoder contract is a core type (venue descriptors supply one); re-exported for lib/record's users. */
export type { ReplayDecoder } from "../core/replay_decoder.ts";
