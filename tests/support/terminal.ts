import { spawn, type IPty } from 'node-pty';
import { waitForOutput } from './wait.ts';

/** Keys as a terminal sends them. */
export const KEY = { up: '\x1b[A', down: '\x1b[B', enter: '\r', space: ' ', backspace: '\x7f', ctrlC: '\x03' } as const;

/** Escape sequences that colour text go; those that move the cursor or erase become line breaks, so each drawn line stays a line. */
function plain(output: string): string {
  return output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '\n')
    .replace(/\r/g, '');
}

/**
 * A program run in a real pseudo-terminal (node-pty), driven as a person
 * would: wait for what it shows, then press keys. Output is read without
 * colour (NO_COLOR) and waited for, never slept on, so a loaded machine only
 * makes it slower.
 */
export class Terminal {
  private readonly pty: IPty;
  private output = '';
  /** Where the next wait starts looking: only output after the last answer counts. */
  private mark = 0;
  private readonly listeners = new Set<() => void>();
  /** The exit code, once the program has ended. */
  readonly exited: Promise<number>;

  constructor(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }) {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
    // Plain symbols and no colour, whatever the test runner's own settings.
    delete env.FORCE_COLOR;
    delete env.ACCESSIBLE;
    Object.assign(env, { TERM: 'xterm-256color', NO_COLOR: '1', LANG: 'C.UTF-8' }, options.env);
    this.pty = spawn(command, [...args], { name: 'xterm-256color', cols: 200, rows: 60, cwd: options.cwd, env });
    this.pty.onData((data) => {
      this.output += data;
      for (const listener of this.listeners) listener();
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => {
      resolve(exitCode);
      for (const listener of this.listeners) listener();
    }));
  }

  /** Everything shown so far, as plain lines. */
  get text(): string {
    return plain(this.output);
  }

  /** Plain output since the last answer. */
  private get recent(): string {
    return plain(this.output.slice(this.mark));
  }

  /** Waits until the output since the last answer contains `expected`; returns that output. */
  waitFor(expected: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const found = () => (typeof expected === 'string' ? this.recent.includes(expected) : expected.test(this.recent));
    return waitForOutput(
      this.listeners,
      () => (found() ? this.recent : undefined),
      timeoutMs,
      () => `timed out after ${timeoutMs} ms waiting for ${String(expected)}; the terminal shows:\n${this.text}`,
    );
  }

  /** Types keys; what was shown before them no longer counts for the next wait. */
  press(...keys: string[]): void {
    this.mark = this.output.length;
    for (const key of keys) this.pty.write(key);
  }

  /** The option lines of the prompt titled `message`, as drawn first: [label text, marker]. */
  private async options(message: string, instructions: string): Promise<{ text: string; marker: string }[]> {
    const shown = await this.waitFor(new RegExp(`◆  ${escape(message)}[\\s\\S]*${escape(instructions)}`));
    const frame = shown.slice(shown.lastIndexOf(`◆  ${message}`));
    const lines = frame.split('\n').slice(1);
    const options: { text: string; marker: string }[] = [];
    for (const line of lines) {
      if (line.includes(instructions)) break;
      const match = /^│  ([●○◻◼]) (.*)$/.exec(line);
      if (match) options.push({ marker: match[1]!, text: match[2]! });
    }
    return options;
  }

  /** In the select prompt `message`, moves to the option whose label starts with `label` and confirms it. */
  async choose(message: string, label: string): Promise<void> {
    const options = await this.options(message, 'Enter: confirm');
    const target = options.findIndex((option) => option.text.startsWith(label));
    const current = options.findIndex((option) => option.marker === '●');
    if (target < 0) throw new Error(`"${message}" has no option "${label}"; it shows:\n${options.map((o) => o.text).join('\n')}`);
    const moves = target >= current ? Array(target - current).fill(KEY.down) : Array(current - target).fill(KEY.up);
    this.press(...moves, KEY.enter);
    await this.waitFor(`◇  ${message}`);
  }

  /** In the multi-select prompt `message`, leaves exactly the options whose labels start with one of `labels` selected, and confirms. */
  async selectOnly(message: string, labels: readonly string[]): Promise<void> {
    const options = await this.options(message, 'Space: select');
    const keys: string[] = [];
    // The cursor starts on the first option.
    for (const option of options) {
      const wanted = labels.some((label) => option.text.startsWith(label));
      if (wanted !== (option.marker === '◼')) keys.push(KEY.space);
      keys.push(KEY.down);
    }
    this.press(...keys, KEY.enter);
    await this.waitFor(`◇  ${message}`);
  }

  /** In the text prompt `message`, types `value` and presses Enter (the caller waits for what follows). */
  async type(message: string, value: string): Promise<void> {
    await this.waitFor(`◆  ${message}`);
    this.press(value, KEY.enter);
  }

  kill(): void {
    this.pty.kill();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
