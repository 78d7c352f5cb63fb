/**
 * On a real terminal (a tmux pane): nothing of the passphrase is shown, not even `*`; Ctrl-C at the hidden
 * prompt aborts; the terminal is back in canonical mode with echo afterwards.
 */

import { hasTmux, tmux } from "../tmux.ts";
import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";

const DRIVER = new URL("./pty_driver.ts", import.meta.url).pathname;
const KEY = "PTYKEY-Xf7sPq2LkVb9mTq3";
const SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q1==";
const PASS = "hunter2 pass phrase";

/** A pane running `driver mode ini`, then recording the exit status and `stty -a`. */
async function pane(mode: string, dir: string) {
  const socket = `pytrader-pty-${Deno.pid}-${mode}-${crypto.randomUUID().slice(0, 6)}`;
  const script = [
    `'${Deno.execPath()}' run -A '${DRIVER}' ${mode} '${dir}/pytrader.ini'`,
    `echo "EXIT=$?"`,
    `stty -a > '${dir}/stty.txt'`,
    "read _",
  ].join("; ");
  await tmux(socket, "new-session", "-d", "-s", "p", "-x", "200", "-y", "40", "-e", "LANG=C.UTF-8", script);
  const screen = () => tmux(socket, "capture-pane", "-p", "-t", "p");
  return {
    screen,
    /** Waits (eventually) until the screen contains `text` (tmux drops trailing spaces). */
    until(text: string): Promise<string> {
      return eventually(async () => {
        const s = await screen();
        if (s.includes(text)) return s;
        throw new Error(`the screen was:\n${s}`);
      }, text);
    },
    type: (text: string) => tmux(socket, "send-keys", "-t", "p", "-l", text),
    key: (name: string) => tmux(socket, "send-keys", "-t", "p", name),
    close: () => tmux(socket, "kill-server").catch(() => ""),
  };
}

async function sttyIsSane(dir: string): Promise<void> {
  // The pane writes stty.txt right after printing EXIT=: wait for the whole of it.
  const stty = await eventually(async () => {
    const text = await Deno.readTextFile(`${dir}/stty.txt`).catch(() => "");
    return /icanon/.test(text) ? text : undefined;
  }, "stty.txt");
  assert(/(^|\s)icanon(\s|$)/.test(stty) && /(^|\s)echo(\s|$)/.test(stty), stty);
}

/** Answers the visible key and secret prompts of --add-secret, up to the hidden passphrase prompt. */
async function typeKeyAndSecret(p: Awaited<ReturnType<typeof pane>>): Promise<void> {
  await p.until("key:");
  await p.type(KEY);
  await p.key("Enter");
  await p.until("secret:");
  await p.type(SECRET);
  await p.key("Enter");
  await p.until("passphrase:");
}

const ignore = !(await hasTmux());

Deno.test({
  name: "pty: --add-secret shows key and secret as typed, nothing of the passphrase; unlock reads it back",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pytrader-pty-" });
    await Deno.writeTextFile(`${dir}/pytrader.ini`, "[kraken]\nrest_url = https://api.kraken.com\n");
    const p = await pane("add", dir);
    try {
      await typeKeyAndSecret(p);
      await p.type(PASS + "x");
      await p.key("BSpace");
      await p.key("Enter");
      await p.until("passphrase (again):");
      await p.type(PASS);
      await p.key("Enter");
      const screen = await p.until("EXIT=");
      assert(screen.includes(`key: ${KEY}\nsecret: ${SECRET}\npassphrase:\npassphrase (again):\n`), screen);
      assert(screen.includes("encrypted secret has been saved in"), screen);
      assert(screen.includes("EXIT=0"), screen);
      assert(!screen.includes("hunter") && !screen.includes("*"), screen);
      await sttyIsSane(dir);
    } finally {
      await p.close();
    }
    const u = await pane("unlock", dir);
    try {
      await u.until("enter passphrase for secret:");
      await u.type("not it");
      await u.key("Enter");
      await u.until("wrong passphrase, 2 tries left");
      await u.type(PASS);
      await u.key("Enter");
      const screen = await u.until("EXIT=");
      assert(screen.includes('unlocked {"key":"[redacted]","secret":"[redacted]"}'), screen);
      assert(!screen.includes("hunter") && !screen.includes("not it"), screen);
      await sttyIsSane(dir);
    } finally {
      await u.close();
    }
  },
});

Deno.test({
  name: "pty: Ctrl-C at the hidden passphrase prompt aborts, writes nothing and restores the terminal",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pytrader-pty-" });
    const before = "[kraken]\nrest_url = https://api.kraken.com\n";
    await Deno.writeTextFile(`${dir}/pytrader.ini`, before);
    const p = await pane("add", dir);
    try {
      await typeKeyAndSecret(p);
      await p.type("half typed");
      await p.key("C-c");
      const screen = await p.until("EXIT=");
      assert(screen.includes("passphrase:\naborting\nEXIT=1"), screen);
      assertEquals(await Deno.readTextFile(`${dir}/pytrader.ini`), before);
      await sttyIsSane(dir);
    } finally {
      await p.close();
    }
  },
});
