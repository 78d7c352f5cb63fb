/**
 * pytrader.ini on disk. A broken or invalid file is reported with its line and never written; every write
 * re-reads the file first, so edits made meanwhile (by the user or another process) are kept.
 */

import { ConfigError } from "../core/errors.ts";
import { readIniText } from "./read_text.ts";
import { defaultIniText, defaultSections } from "./defaults.ts";
import { addMissing, type IniDocument, parseIni, serializeIni, setValue } from "./ini.ts";
import { checkSetting, type ConfigSchema, readSettings, type Settings } from "./settings.ts";
import { writeFileAtomic } from "./atomic_write.ts";

export { writeFileAtomic } from "./atomic_write.ts";

export interface LoadedConfig {
  readonly path: string;
  /** The document as it now is on disk. */
  readonly doc: IniDocument;
  readonly settings: Settings;
  /** True when this call created the file (it did not exist). */
  readonly created: boolean;
  /** What the file was read against (the venues' sections); saves validate against it too. */
  readonly schema: ConfigSchema;
}

/** Loads `path`, creating it with every default (mode 0600) if missing and adding missing default keys. */
export function loadConfig(path: string, schema: ConfigSchema): Promise<LoadedConfig> {
  return update(path, schema, (doc) => doc);
}

/** Re-reads the file, sets one value (validated if PyTrader knows the key) and writes it back atomically. */
export async function saveSetting(
  config: LoadedConfig,
  section: string,
  key: string,
  value: string,
): Promise<LoadedConfig> {
  checkSetting(config.path, section, key, value, config.schema);
  return await update(config.path, config.schema, (doc) => setValue(doc, section, key, value));
}

/** Adds the keys of `entries` that `section` lacks (e.g. a strategy's declared defaults); existing values win. */
export function ensureSection(
  config: LoadedConfig,
  section: string,
  entries: ReadonlyArray<readonly [key: string, value: string]>,
): Promise<LoadedConfig> {
  return update(config.path, config.schema, (doc) => addMissing(doc, section, entries));
}

function update(
  path: string,
  schema: ConfigSchema,
  change: (doc: IniDocument) => IniDocument,
): Promise<LoadedConfig> {
  return serialized(path, async () => {
    const text = await readIniText(path);
    const created = text === undefined;
    const onDisk = parseIni(text ?? defaultIniText(schema), path);
    // Validate before changing anything, so error lines are the lines in the file.
    const before = readSettings(onDisk, path, schema);
    const next = change(
      defaultSections(schema).reduce((d, s) => addMissing(d, s.section, s.entries), onDisk),
    );
    const settings = next === onDisk ? before : readSettings(next, path, schema);
    const out = serializeIni(next);
    if (out !== text) {
      try {
        await writeFileAtomic(path, out);
      } catch (e) {
        throw new ConfigError(`Cannot write ${path}: ${(e as Error).message}`, path, undefined, { cause: e });
      }
    }
    return { path, doc: next, settings, created, schema };
  });
}

// One load or save at a time per path in this process, so quick successive saves do not lose each other.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(path: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(path) ?? Promise.resolve()).then(task, task);
  const tail = run.catch(() => {});
  queues.set(path, tail);
  tail.then(() => {
    if (queues.get(path) === tail) queues.delete(path);
  });
  return run;
}
