/** Something written to synchronously that may take fewer bytes than it was given (a file, stdout, a tty). */
export interface SyncWriter {
  writeSync(p: Uint8Array): number;
}

/** Writes every byte, however few each call takes. */
export function writeAllSync(to: SyncWriter, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += to.writeSync(bytes.subarray(done));
}
