import { readStrategy } from "./lib/strategy/sources.ts";
import { transformSync } from "amaro";
const m = () => { (globalThis as any).gc(); return (Deno.memoryUsage().rss / 2 ** 20).toFixed(0); };
const path = "/work/wt/binary/strategies/balancer.ts";
const opts = { roots: ["/work/wt/binary/strategies", "/work/wt/binary/lib/strategy"], readText: (p: string) => Deno.readTextFile(p), realPath: (p: string) => Deno.realPath(p).catch(() => null) };
const row = [];
for (let k = 0; k < 6; k++) { for (let i = 0; i < 50; i++) await readStrategy(path, opts); row.push(m()); }
console.log("readStrategy", row.join(" "));
const srcs = await Promise.all(["balancer.ts", "balancer_math.ts", "balancer_format.ts"].map((f) => Deno.readTextFile("strategies/" + f).catch(() => "")));
const row2 = [];
for (let k = 0; k < 6; k++) { for (let i = 0; i < 50; i++) for (const s of srcs) transformSync(s, { mode: "strip-only", filename: "x.ts" }); row2.push(m()); }
console.log("amaro", row2.join(" "));
