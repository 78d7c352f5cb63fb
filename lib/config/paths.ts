/**
 * The few path operations the config files need, without `node:path`: importing it starts Deno's Node
 * compatibility layer, which costs a one-shot command more than all of lib/config. The results are
 * node:path's (POSIX; on Windows `\` separates too and a drive letter may start a path).
 */

const WINDOWS = Deno.build.os === "windows";
const SEP = WINDOWS ? "\\" : "/";
const isSep = (c: string | undefined) => c === "/" || (WINDOWS && c === "\\");

/** A Windows drive ("C:"), which the POSIX rules below then skip; "" elsewhere. */
const driveOf = (path: string) => (WINDOWS && /^[A-Za-z]:/.test(path) ? path.slice(0, 2) : "");

export function isAbsolute(path: string): boolean {
  return isSep(path[driveOf(path).length]);
}

/** `a/b/../c` -> `a/c`, `./x` -> `x`, `a//b` -> `a/b`; "" -> "."; a trailing separator stays. */
export function normalize(path: string): string {
  const drive = driveOf(path);
  const rest = path.slice(drive.length);
  const absolute = isSep(rest[0]);
  const trailing = rest.length > 0 && isSep(rest[rest.length - 1]);
  const parts: string[] = [];
  for (const part of rest.split(WINDOWS ? /[\\/]/ : "/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (!absolute) parts.push(part);
  }
  let body = parts.join(SEP);
  if (body === "") body = absolute ? "" : trailing ? `.${SEP}` : ".";
  else if (trailing) body += SEP;
  return drive + (absolute ? SEP : "") + body;
}

export function join(...paths: string[]): string {
  return normalize(paths.filter((p) => p !== "").join(SEP));
}

export function dirname(path: string): string {
  const drive = driveOf(path);
  const p = path.slice(drive.length);
  if (p.length === 0) return drive || ".";
  const hasRoot = isSep(p[0]);
  let end = -1;
  let matchedSeparator = true;
  for (let i = p.length - 1; i >= 1; --i) {
    if (!isSep(p[i])) matchedSeparator = false;
    else if (!matchedSeparator) {
      end = i;
      break;
    }
  }
  if (end === -1) return drive + (hasRoot ? p[0] : drive ? "" : ".");
  if (hasRoot && end === 1) return drive + p.slice(0, 2);
  return drive + p.slice(0, end);
}

export function basename(path: string): string {
  const p = path.slice(driveOf(path).length);
  let end = p.length;
  while (end > 0 && isSep(p[end - 1])) end--;
  let start = end;
  while (start > 0 && !isSep(p[start - 1])) start--;
  return p.slice(start, end);
}
