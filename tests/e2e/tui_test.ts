/**
 * End to end: the real program (`main.ts`, no command) on the sim exchange in a tmux pane. Keys go in with
 * send-keys, the screen comes back with capture-pane; after `q` the process must exit 0 and leave the
 * terminal sane (normal screen, cursor shown, canonical mode and echo back on).
 */

import { hasTmux, tmux } from "../tmux.ts";
import { assert, assertEquals } from "../assert.ts";
import { eventually } from "../eventually.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

/** Waits (eventually) until `ok` accepts what `get` returns; on a timeout the error shows the last value. */
function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  return eventually(async () => {
    const v = await get();
    if (ok(v)) return { v };
    throw new Error(`last seen:\n${String(v)}`);
  }, what).then((r) => r.v);
}

const tmuxMissing = !(await hasTmux());

Deno.test({
  name: "e2e: pytrader on sim in tmux: screen, keys, ini, clean quit",
  ignore: tmuxMissing,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pytrader-e2e-" });
    const socket = `pytrader-e2e-${Deno.pid}`;
    const ini = `${dir}/pytrader.ini`;
    await Deno.writeTextFile(ini, "[pytrader]\nexchange = sim\npair = BTC/USD\n");
    const script = [
      `cd '${ROOT}'`,
      `'${Deno.execPath()}' run -A main.ts --config '${ini}'`,
      `echo "EXIT=$?"`,
      `stty -a > '${dir}/stty.txt'`,
      // keep the pane open for the checks; the server is killed at the end
      "read _",
    ].join("; ");
    const capture = () => tmux(socket, "capture-pane", "-p", "-t", "ui");
    const iniText = () => Deno.readTextFile(ini);
    try {
      await tmux(
        socket,
        "new-session",
        "-d",
        "-s",
        "ui",
        "-x",
        "100",
        "-y",
        "30",
        "-e",
        "LANG=C.UTF-8",
        "-e",
        "TERM=xterm-256color",
        // tmux runs this with the default shell, so $? is the program's exit status
        script,
      );
      // A capture can land in the middle of a paint: wait for the whole frame (status, both sides, log).
      const bookRow = /^\s+\d+\.\d\s+\d+\.\d{8}/;
      const first = await until(
        capture,
        (s) => {
          if (s.includes("EXIT=")) return true;
          const r = s.split("\n");
          return /^Price: \d+\.\d - \d+\.\d \| Market: sim BTC\/USD/m.test(s) && /book: ok/.test(s) &&
            bookRow.test(r[10] ?? "") && bookRow.test(r[12] ?? "") && /Loaded \d+ candles/.test(s);
        },
        "the first frame with a book",
      );
      assert(!first.includes("EXIT="), `the program ended instead of showing the screen:\n${first}`);
      const rows = first.split("\n");
      // asks above and bids below the middle row (30 rows: book rows 2..20, middle row 11)
      assert(bookRow.test(rows[10]!), `best ask row: ${rows[10]}`);
      assertEquals(rows[11]!.slice(0, 40).trim(), "group: none", "the middle row shows the zoom");
      assert(bookRow.test(rows[12]!), `best bid row: ${rows[12]}`);
      assert(/Loaded \d+ candles/.test(first), "the main log shows the history load");

      await tmux(socket, "send-keys", "-t", "ui", "D");
      await until(iniText, (t) => /^display_right = depth_chart$/m.test(t), "display_right = depth_chart");

      await tmux(socket, "send-keys", "-t", "ui", "S");
      await until(iniText, (t) => /^orderbook_sum_total = True$/m.test(t), "orderbook_sum_total = True");

      await tmux(socket, "send-keys", "-t", "ui", "?");
      await until(capture, (s) => s.includes(" Keys ") && s.includes("depth chart on the right"), "the help");
      await tmux(socket, "send-keys", "-t", "ui", "Escape");
      await until(capture, (s) => !s.includes(" Keys "), "the help to close");

      await tmux(socket, "send-keys", "-t", "ui", "q");
      const after = await until(capture, (s) => s.includes("EXIT="), "the program to exit");
      assert(after.includes("EXIT=0"), after);
      assert(!after.includes("Price:"), "the UI is gone from the screen");
      const flags = await tmux(socket, "display-message", "-p", "-t", "ui", "#{alternate_on} #{cursor_flag}");
      assertEquals(flags.trim(), "0 1", "normal screen, cursor visible");
      const stty = await until(
        () => Deno.readTextFile(`${dir}/stty.txt`).catch(() => ""),
        (t) => /icanon/.test(t), // written after EXIT=: wait for the whole of it
        "stty",
      );
      assert(/(^|\s)icanon(\s|$)/.test(stty) && /(^|\s)echo(\s|$)/.test(stty), `terminal not sane: ${stty}`);
    } finally {
      await tmux(socket, "kill-server").catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** Per row of a `capture-pane -e` text, the longest run of reverse-video cells from column `from` on. */
function reverseRuns(captured: string, from: number): number[] {
  return captured.split("\n").map((row) => {
    let col = 0;
    let inverse = false;
    let run = 0;
    let best = 0;
    for (let i = 0; i < row.length; i++) {
      const sgr = row.charCodeAt(i) === 0x1b ? /^.\[([\d;]*)m/.exec(row.slice(i)) : null;
      if (sgr) {
        for (const p of (sgr[1] || "0").split(";")) {
          if (p === "0" || p === "") inverse = false;
          else if (p === "7") inverse = true;
          else if (p === "27") inverse = false;
        }
        i += sgr[0].length - 1;
        continue;
      }
      if (col >= from && inverse) best = Math.max(best, ++run);
      else run = 0;
      col++;
    }
    return best;
  });
}

Deno.test({
  name: "e2e: the cumulative depth chart's largest bin has its full bar in a tmux capture",
  ignore: tmuxMissing,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "pytrader-e2e-" });
    const socket = `pytrader-e2e-depth-${Deno.pid}`;
    const ini = `${dir}/pytrader.ini`;
    await Deno.writeTextFile(
      ini,
      "[pytrader]\nexchange = sim\npair = BTC/USD\ndisplay_right = depth_chart\ndepth_chart_group = 5\n",
    );
    try {
      await tmux(
        socket,
        ..."new-session -d -s ui -x 100 -y 30 -e LANG=C.UTF-8 -e TERM=xterm-256color".split(" "),
        `cd '${ROOT}'; '${Deno.execPath()}' run -A main.ts --config '${ini}'; read _`,
      );
      // 100 columns: the chart is columns 40..99; prices like 60015.0 take 8 columns with their space, and
      // the largest bar is the room that leaves minus 2: 60 - 8 - 2 = 50 cells.
      const capture = () => tmux(socket, "capture-pane", "-p", "-e", "-t", "ui");
      await eventually(
        async () => Math.max(...reverseRuns(await capture(), 40)) === 50,
        "a 50-cell bar for the largest bin",
      );
    } finally {
      await tmux(socket, "kill-server").catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});
