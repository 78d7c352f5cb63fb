/**
 * A second "process" for nonce_test.ts: prints "ready", waits for a line on stdin, then takes `count`
 * nonces from the file at `path` and prints them one a line.
 */
import { FileNonce } from "../../lib/net/nonce_file.ts";

const [path, count] = Deno.args;
const nonce = new FileNonce(path!);
const out: string[] = [];
console.log("ready");
const reader = Deno.stdin.readable.getReader();
await reader.read();
reader.releaseLock();
for (let i = 0; i < Number(count); i++) out.push(nonce.next());
console.log(out.join("\n"));
