import { scrypt } from "node:crypto";

/** scrypt cost: N (CPU/memory, a power of two), r (block size), p (parallelism). Memory is 128·N·r bytes. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's scrypt minimum (N=2^17, r=8, p=1): 128 MiB and about 0.33 s on the reference machine (2 cores),
 * inside the 0.1..1 s window with room both ways; see tests/bench/secrets_bench.ts.
 */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * What a stored value may ask for. The floor admits cheap parameters for tests; the ceiling stops a
 * tampered file from asking for gigabytes (2^20·8·128 = 1 GiB).
 */
export const SCRYPT_LIMITS = Object.freeze({ minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16 });

export const KEY_BYTES = 32;
export const CHECK_BYTES = 16;

export interface DerivedKey {
  /** AES-256-GCM key. */
  readonly key: Uint8Array<ArrayBuffer>;
  /** Stored beside the ciphertext; a mismatch means a wrong passphrase, not damaged data. */
  readonly check: Uint8Array<ArrayBuffer>;
}

/** Why `params` is unacceptable, or undefined when it is fine. */
export function scryptParamsProblem(params: ScryptParams): string | undefined {
  const { N, r, p } = params;
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < SCRYPT_LIMITS.minLogN || logN > SCRYPT_LIMITS.maxLogN) {
    return `N=${N} is not a power of two from 2^${SCRYPT_LIMITS.minLogN} to 2^${SCRYPT_LIMITS.maxLogN}`;
  }
  if (!Number.isInteger(r) || r < 1 || r > SCRYPT_LIMITS.maxR) {
    return `r=${r} is not from 1 to ${SCRYPT_LIMITS.maxR}`;
  }
  if (!Number.isInteger(p) || p < 1 || p > SCRYPT_LIMITS.maxP) {
    return `p=${p} is not from 1 to ${SCRYPT_LIMITS.maxP}`;
  }
  return undefined;
}

/**
 * One scrypt run gives both the AES key and the check value (scrypt's output is PBKDF2-HMAC-SHA256
 * blocks, so the second block tells nothing about the first). Runs off the main thread.
 */
export function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  params: ScryptParams,
): Promise<DerivedKey> {
  const problem = scryptParamsProblem(params);
  if (problem !== undefined) return Promise.reject(new RangeError(`Cannot derive a key: ${problem}`));
  // node's default maxmem (32 MiB) is below 128·N·r; twice the need is a cap, not an allocation.
  const maxmem = 2 * 128 * params.N * params.r * params.p;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize("NFC"), salt, KEY_BYTES + CHECK_BYTES, { ...params, maxmem }, (err, out) => {
      if (err !== null) return reject(err);
      const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      resolve({ key: bytes.slice(0, KEY_BYTES), check: bytes.slice(KEY_BYTES) });
      bytes.fill(0);
    });
  });
}
