import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../lib/content/diagnostics.ts';

/**
 * The command line of every CLI (check, new, bench, and notify): one way to
 * read options and one way to refuse them. A bad flag is one line naming it
 * (with a guess at what was meant), the command's usage, and exit code 2;
 * never node's stack trace from a parseArgs error.
 */

/** A command's name and usage text, for its messages. */
export interface Command {
  /** As the user runs it after `npm run`, e.g. "check". */
  name: string;
  /** The usage text printed under a usage error and for --help. */
  usage: string;
}

/** Prints `<name>: <message>` and the usage to stderr and exits 2 (bad usage). */
export function exitWithUsage(command: Command, message: string): never {
  process.stderr.write(`${command.name}: ${message}\n${command.usage}\n`);
  process.exit(2);
}

/** `--help`/`-h`, the same in every command: spread it into a command's options. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** The error node's parseArgs throws (it carries a `code` such as ERR_PARSE_ARGS_UNKNOWN_OPTION). */
function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Node's message for a parse error, said the way the rest of the CLIs say things, with a guess for an unknown option. */
export function describeArgsError(error: Error & { code: string }, optionNames: readonly string[]): string {
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    const flags = optionNames.map((name) => `--${name}`);
    return `unknown option "${option}".${didYouMean(option, flags) || ` Options are ${flags.join(', ')}.`}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']+)'/.exec(error.message)?.[1] ?? '';
    return `unexpected argument "${argument}"`;
  }
  const missingValue = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(error.message);
  if (missingValue) return `${missingValue[1]} needs a value`;
  // Any other ERR_PARSE_ARGS_INVALID_OPTION_VALUE ("Option '--watch' does not take an argument"): node's first line says it.
  return error.message.split('\n')[0]!;
}

/**
 * node's parseArgs, except that a bad flag exits with the usage (code 2)
 * instead of throwing, and `--help` (when the options include HELP_OPTION)
 * prints the usage and exits 0.
 */
export function parseCommandLine<T extends ParseArgsConfig>(command: Command, config: T): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    exitWithUsage(command, describeArgsError(error, Object.keys(config.options ?? {})));
  }
  if (Reflect.get(parsed.values, 'help') === true) {
    process.stdout.write(`${command.usage}\n`);
    process.exit(0);
  }
  return parsed;
}
