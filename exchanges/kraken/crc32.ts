/** CRC-32 (IEEE 802.3 / zlib), table driven. State is kept pre-inverted as an int32: start at -1, finish with crc32Final. */

export const CRC_TABLE: Int32Array = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export const CRC_INIT = -1;

export function crc32Final(crc: number): number {
  return (crc ^ -1) >>> 0;
}

/** CRC-32 of the UTF-8 bytes of `text`. */
export function crc32(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let crc = CRC_INIT;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc32Final(crc);
}
