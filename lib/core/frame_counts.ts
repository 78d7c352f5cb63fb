/** Frames by outcome since a venue's decoder was made (a venue may count more). */
export interface FrameCounts {
  frames: number;
  events: number;
  malformed: number;
  unknownChannel: number;
  unknownSymbol: number;
}

/** Why a venue's parse rejected a frame. */
export type RejectReason = "malformed" | "unknown channel" | "unknown symbol";

/** Counts one rejected frame under its reason. */
export function countRejected(counts: FrameCounts, reason: RejectReason): void {
  if (reason === "malformed") counts.malformed++;
  else if (reason === "unknown channel") counts.unknownChannel++;
  else counts.unknownSymbol++;
}
