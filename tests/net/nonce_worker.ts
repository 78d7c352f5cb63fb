/**
 * A second "process" for nonce_test.ts: prints "ready", waits for a line on stdin, takes half of `count`
 * nonces from the file at `path`, prints "half", waits for another line, takes the rest, then prints all
 * its nonces one a line. The pause in the middle lets the test make sure the two processes' runs overlap.
 */
import { FileNonce } from "../../lib/net/nonce_file.ts";

const [path, count] = Deno.args;
const nonce = new FileNonce(path!);
const out: string[] = [];
const reader = Deno.stdin.readable.getReader();
const n = Number(count);
console.log("ready");
await reader.read();
for (let i = 0; i < n / 2; i++) out.push(nonce.next());
console.log("half");
await reader.read();
reader.releaseLock();
for (let i = out.length; i < n; i++) out.push(nonce.next());
console.log(out.join("\n"));
