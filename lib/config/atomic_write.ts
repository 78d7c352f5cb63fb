import { basename, dirname, join } from "./paths.ts";

/**
 * Replaces `path` with `text` so that readers see the old or the new file, never a half-written one: a temp
 * file in the same directory, fsynced, then renamed over the target. A symlink is followed, not replaced.
 * `mode` defaults to the existing file's mode, or 0600 for a new file. The temp file is removed on failure.
 */
export async function writeFileAtomic(path: string, text: string, mode?: number): Promise<void> {
  const target = await realPathOr(path);
  const finalMode = mode ?? (await modeOf(target)) ?? 0o600;
  const tmp = join(dirname(target), `.${basename(target)}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    const file = await Deno.open(tmp, { write: true, createNew: true, mode: finalMode });
    try {
      const bytes = new TextEncoder().encode(text);
      for (let off = 0; off < bytes.length;) off += await file.write(bytes.subarray(off));
      await file.sync();
    } finally {
      file.close();
    }
    // The umask may have cleared bits at creation; the mode asked for is the mode we keep.
    if (Deno.build.os !== "windows") await Deno.chmod(tmp, finalMode);
    await Deno.rename(tmp, target);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
  await syncDir(dirname(target));
}

async function realPathOr(path: string): Promise<string> {
  try {
    return await Deno.realPath(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return path;
    throw e;
  }
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    const mode = (await Deno.stat(path)).mode;
    return mode === null ? undefined : mode & 0o777;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/** Makes the rename durable; best effort, as not every platform can open a directory. */
async function syncDir(dir: string): Promise<void> {
  try {
    using handle = await Deno.open(dir, { read: true });
    await handle.sync();
  } catch {
    // Durability only; the rename itself already happened.
  }
}
