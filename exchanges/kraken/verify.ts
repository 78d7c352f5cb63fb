import type { BookReader, BookSnapshot, BookUpdate } from "../../lib/core/mod.ts";
import { krakenChecksum } from "./checksum.ts";

/** Kraken's book check (BookVerifier): the CRC32 of the local top 10 against the message's `checksum`. */
export function verifyKrakenBook(book: BookReader, ev: BookSnapshot | BookUpdate): string | null {
  if (ev.checksum === undefined) return null;
  const local = krakenChecksum(book);
  return local === ev.checksum ? null : `checksum ${local} does not match the venue's ${ev.checksum}`;
}
