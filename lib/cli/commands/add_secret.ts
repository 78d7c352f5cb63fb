/**
 * `pytrader --add-secret`: asks for the API key and secret (visible), then a passphrase twice with no echo,
 * and stores both encrypted in the venue's ini section. A stdin that is not a terminal gives three lines
 * instead: key, secret, passphrase (provisioning scripts).
 */

import { UsageError } from "../../core/errors.ts";
import type { VenueDescriptor } from "../../core/venue.ts";
import {
  DEFAULT_SCRYPT,
  encryptCredentials,
  type PlainCredentials,
  PromptAborted,
  type PromptIo,
  saveStoredSecret,
  type ScryptParams,
} from "../../secrets/mod.ts";
import { EXIT } from "../exit_codes.ts";

export const TYPO_MESSAGE = "you had a typo in the passphrase. try again...";
/** Logger.addSecret refuses shorter values, and no exchange issues them. */
const MIN_LENGTH = 4;

/** The venue as --add-secret needs it: its descriptor, or the parts that matter here. */
export type KeyVenue = Pick<VenueDescriptor, "name" | "keys" | "keyHelp">;

/** Returns the exit code: 0 when saved, 1 when the user aborted (nothing written). */
export async function addSecret(
  io: PromptIo,
  config: { readonly path: string },
  descriptor: KeyVenue,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<number> {
  const venue = descriptor.name;
  if (!descriptor.keys) {
    throw new UsageError(
      `Cannot add a key for ${venue}: it needs none`,
      "Choose the exchange the key belongs to: pytrader --add-secret --exchange NAME (see pytrader --help)",
    );
  }
  if (io.isTerminal && descriptor.keyHelp) io.write(`${descriptor.keyHelp}\n`);
  let input: (PlainCredentials & { passphrase: string }) | undefined;
  try {
    input = io.isTerminal ? await askTerminal(io) : await readScript(io, venue);
  } catch (e) {
    if (!(e instanceof PromptAborted)) throw e;
  }
  if (input === undefined) {
    io.write("aborting\n");
    return EXIT.failure;
  }
  for (const [name, value] of [["key", input.key], ["secret", input.secret]]) {
    if (value.length < MIN_LENGTH) {
      throw new UsageError(
        `Cannot add the ${venue} key: the ${name} is shorter than ${MIN_LENGTH} characters`,
      );
    }
  }
  const value = await encryptCredentials(input, input.passphrase, params);
  await saveStoredSecret(config.path, venue, value);
  io.out(`encrypted secret has been saved in ${config.path}`);
  return EXIT.ok;
}

/** undefined: aborted (end of input, or an empty key, secret or passphrase). */
async function askTerminal(io: PromptIo): Promise<(PlainCredentials & { passphrase: string }) | undefined> {
  const key = (await io.readLine("key: "))?.trim();
  if (!key) return undefined;
  const secret = (await io.readLine("secret: "))?.trim();
  if (!secret) return undefined;
  for (;;) {
    const passphrase = await io.readHidden("passphrase: ");
    if (passphrase === undefined || passphrase.trim() === "") return undefined;
    const again = await io.readHidden("passphrase (again): ");
    if (again === undefined) return undefined;
    if (again === passphrase) return { key, secret, passphrase };
    io.write(TYPO_MESSAGE + "\n");
  }
}

/** Three lines, no prompts: key, secret, passphrase. An empty passphrase aborts, as on the terminal. */
async function readScript(
  io: PromptIo,
  venue: string,
): Promise<(PlainCredentials & { passphrase: string }) | undefined> {
  const lines: string[] = [];
  for (let i = 0; i < 3; i++) {
    const line = await io.readLine("");
    if (line === undefined) break;
    lines.push(line);
  }
  if (lines.length < 3) {
    throw new UsageError(
      `Cannot add the ${venue} key: stdin gave ${lines.length} of 3 lines (key, secret, passphrase)`,
      'Pipe three lines, e.g. printf \'%s\\n\' "$KEY" "$SECRET" "$PASSPHRASE" | pytrader --add-secret',
    );
  }
  const [key, secret, passphrase] = [lines[0].trim(), lines[1].trim(), lines[2]];
  if (key === "" || secret === "" || passphrase.trim() === "") return undefined;
  return { key, secret, passphrase };
}
