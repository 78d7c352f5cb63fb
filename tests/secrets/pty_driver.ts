/** Runs --add-secret or the start-up unlock on the real terminal, for pty_test.ts: `add|unlock INI`. */

import { parseIni } from "../../lib/config/mod.ts";
import { Logger } from "../../lib/log/mod.ts";
import { krakenVenue } from "../../exchanges/kraken/venue.ts";
import { addSecret } from "../../lib/cli/commands/add_secret.ts";
import { unlockSecrets } from "../../lib/cli/unlock.ts";
import { terminalIo } from "../../lib/secrets/mod.ts";
import { FAST } from "./scripted_io.ts";

const [mode, path] = Deno.args;
const io = terminalIo();
try {
  if (mode === "add") Deno.exit(await addSecret(io, { path }, krakenVenue, FAST));
  const doc = parseIni(await Deno.readTextFile(path), path);
  const creds = await unlockSecrets({ venue: "kraken", config: { path, doc }, logger: new Logger(), io });
  console.log(creds === null ? "view-only" : `unlocked ${JSON.stringify(creds)}`);
} catch (e) {
  console.log(`error ${(e as Error).message}`);
  Deno.exit(3);
}
