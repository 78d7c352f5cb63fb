/** Doctor checks that need no network: the ini, file modes, the stored key. */

import { type LoadedConfig, unknownKeys } from "../../config/mod.ts";
import { AuthenticationError, type VenueDescriptor } from "../../core/mod.ts";
import { readStoredSecret, SECRET_KEY } from "../../secrets/mod.ts";
import type { Check } from "./report.ts";

export function configCheck(config: LoadedConfig): Check {
  const unknown = unknownKeys(config.doc, config.schema).filter((k) => k.key !== SECRET_KEY);
  if (unknown.length === 0) {
    return { name: "config", status: "ok", detail: `${config.path} is readable and every key is known` };
  }
  const list = unknown.map((k) => `[${k.section}] ${k.key} (line ${k.line})`).join(", ");
  return {
    name: "config",
    status: "warn",
    detail: `${config.path} has keys PyTrader does not know, which have no effect: ${list}`,
    fix: "correct their spelling or remove them",
  };
}

export interface PrivateFile {
  readonly name: string;
  readonly path: string;
  /** Others must not read it (it holds a key, a passphrase or the order history). */
  readonly private: boolean;
  /** Why it must be private, for the message: "holds the encrypted key". */
  readonly why: string;
  /** A missing file is fine (created later with the right mode) or a failure. */
  readonly missing: "ok" | "fail";
}

/** Fails when a file that must be private can be read or written by group or others. */
export async function fileModeCheck(f: PrivateFile): Promise<Check> {
  let mode: number | null;
  try {
    mode = (await Deno.stat(f.path)).mode;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound && f.missing === "ok") {
      return {
        name: f.name,
        status: "ok",
        detail: `${f.path} does not exist yet; it is created with mode 0600`,
      };
    }
    return {
      name: f.name,
      status: "fail",
      detail: `Cannot read ${f.path}: ${(e as Error).message}`,
      fix: `check the path and that this user may read it`,
    };
  }
  if (mode === null) {
    return { name: f.name, status: "ok", detail: `${f.path}: modes are not checked on this system` };
  }
  const text = (mode & 0o777).toString(8).padStart(4, "0");
  if (!f.private || (mode & 0o077) === 0) {
    return { name: f.name, status: "ok", detail: `${f.path} has mode ${text}` };
  }
  return {
    name: f.name,
    status: "fail",
    detail: `${f.path} ${f.why} and has mode ${text}: other users can read it`,
    fix: `chmod 600 ${f.path}`,
  };
}

/**
 * Whether the stored key decrypts (unlock() asks on a terminal only). The unlock is the context's, so the
 * venue checks that follow run with the key.
 */
export async function secretCheck(
  descriptor: VenueDescriptor,
  config: LoadedConfig,
  unlock: () => Promise<unknown>,
): Promise<{ readonly check: Check; readonly unlocked: boolean }> {
  const name = "secret";
  const venue = descriptor.name;
  if (!descriptor.keys) {
    return { check: { name, status: "ok", detail: `${venue} needs no API key` }, unlocked: false };
  }
  if (readStoredSecret(config.doc, config.path, venue) === undefined) {
    const fix = `pytrader --add-secret --exchange ${venue}`;
    const detail = `no API key is stored for ${venue}: market data only`;
    return { check: { name, status: "warn", detail, fix }, unlocked: false };
  }
  try {
    const credentials = await unlock();
    if (credentials === null) {
      return {
        check: { name, status: "warn", detail: "view-only was chosen: the key stays locked" },
        unlocked: false,
      };
    }
    return { check: { name, status: "ok", detail: `the stored ${venue} key decrypts` }, unlocked: true };
  } catch (e) {
    const check: Check = {
      name,
      status: "fail",
      detail: (e as Error).message,
      fix: (e as { hint?: string }).hint ?? `pytrader --add-secret --exchange ${venue}`,
      refused: e instanceof AuthenticationError,
    };
    return { check, unlocked: false };
  }
}
