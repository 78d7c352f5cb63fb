import * as node from "node:path";
import { assertEquals } from "../assert.ts";
import { basename, dirname, isAbsolute, join, normalize } from "../../lib/config/paths.ts";

const PATHS = [
  "",
  ".",
  "..",
  "/",
  "//",
  "///",
  "a",
  "a/",
  "a//",
  "/a",
  "//a",
  "/a/",
  "/a//",
  "/a/b",
  "//a/b",
  "a///b",
  "a/b/c",
  "a/b//c/",
  "./a",
  "../a",
  "a/../b",
  "a/../../b",
  "/../a",
  "/a/./b/../c",
  "a/b/..",
  "/a/..",
  "../../x",
  "./",
  ".hidden",
  "/a/.b",
  "pytrader.ini",
  "/home/u/bots/alt.INI",
  "logs/p.log",
];

Deno.test("lib/config's path helpers give node:path's answers", () => {
  for (const p of PATHS) {
    assertEquals(
      [dirname(p), basename(p), isAbsolute(p), normalize(p)],
      [node.dirname(p), node.basename(p), node.isAbsolute(p), node.normalize(p)],
      JSON.stringify(p),
    );
    for (const q of PATHS) assertEquals(join(p, q), node.join(p, q), JSON.stringify([p, q]));
  }
});
