/** The terminal as the passphrase prompts see it; tests drive a scripted one. */
export interface PromptIo {
  /** True when stdin is a terminal a person types into; false for pipes and files (scripts). */
  readonly isTerminal: boolean;
  /** Prompts, warnings and notes, as is (stderr, so stdout stays clean for --json). */
  write(text: string): void;
  /** A result line for stdout, e.g. `encrypted secret has been saved in pytrader.ini`. */
  out(line: string): void;
  /** Writes `prompt`, reads one line with echo, without its line ending; undefined at end of input. */
  readLine(prompt: string): Promise<string | undefined>;
  /**
   * Writes `prompt`, reads one line showing nothing at all (not even `*`); undefined at end of input.
   * Throws PromptAborted on Ctrl-C, with the terminal restored.
   */
  readHidden(prompt: string): Promise<string | undefined>;
}
