import { ConfigError } from "../core/errors.ts";

/** The file's exact text (a byte order mark kept), or undefined when it does not exist. */
export async function readIniText(path: string): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw new ConfigError(`Cannot read ${path}: ${(e as Error).message}`, path, undefined, { cause: e });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const line = loose.slice(0, loose.indexOf("\uFFFD")).split("\n").length;
    throw new ConfigError(`Cannot read ${path} line ${line}: not UTF-8 text`, path, line);
  }
}
