import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The notify ledger: per channel, which notices were delivered or
 * deliberately skipped, and when. It is the whole memory of `npm run notify`:
 * a notice in it is never sent to that channel again, a notice missing from
 * it is sent on the next run.
 *
 * It is written after every delivery, atomically: the new content goes to a
 * temporary file beside it, is flushed to disk, and is renamed over the old
 * one, so a crash leaves either the old ledger or the new one, never half of
 * one. A crash between a delivery and its write loses that one record: the
 * notice is sent once more on the next run (at most one duplicate per channel).
 */

export const DEFAULT_LEDGER = '.shirase/notify-ledger.json';

export interface LedgerEntry {
  status: 'delivered' | 'skipped';
  /** When it was recorded (the run's "now"), ISO 8601 UTC. */
  at: string;
  /** Why a notice was skipped: "baseline" or "older than 48 h". */
  reason?: string;
}

export interface Ledger {
  version: 1;
  /** Channel id → notice key (`<incident slug>/<notice id>`) → entry. */
  channels: Record<string, Record<string, LedgerEntry>>;
}

export type LedgerRead = { kind: 'missing' } | { kind: 'broken'; problem: string } | { kind: 'ok'; ledger: Ledger };

export function emptyLedger(): Ledger {
  return { version: 1, channels: {} };
}

/** Reads and checks the ledger; a ledger notify cannot trust is "broken", never guessed at. */
export function readLedger(path: string): LedgerRead {
  if (!existsSync(path)) return { kind: 'missing' };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { kind: 'broken', problem: `it is not valid JSON (${(error as Error).message})` };
  }
  const problem = ledgerProblem(data);
  return problem === undefined ? { kind: 'ok', ledger: data as Ledger } : { kind: 'broken', problem };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ledgerProblem(data: unknown): string | undefined {
  if (!isRecord(data) || data.version !== 1) return 'it is not a version 1 notify ledger ({"version": 1, "channels": {…}})';
  if (!isRecord(data.channels)) return '"channels" is not an object';
  for (const [channel, entries] of Object.entries(data.channels)) {
    if (!isRecord(entries)) return `channel "${channel}" is not an object of notices`;
    for (const [key, entry] of Object.entries(entries)) {
      if (!isRecord(entry) || (entry.status !== 'delivered' && entry.status !== 'skipped') || typeof entry.at !== 'string') {
        return `the entry of "${key}" in channel "${channel}" is not {"status": "delivered" | "skipped", "at": "…"}`;
      }
    }
  }
  return undefined;
}

export function recorded(ledger: Ledger, channelId: string, key: string): LedgerEntry | undefined {
  return ledger.channels[channelId]?.[key];
}

export function record(ledger: Ledger, channelId: string, key: string, entry: LedgerEntry): void {
  (ledger.channels[channelId] ??= {})[key] = entry;
}

/** Sorted keys, two-space indent: a ledger kept in git shows small, readable diffs. */
function serialise(ledger: Ledger): string {
  const sorted = <T>(object: Record<string, T>) => Object.fromEntries(Object.keys(object).sort().map((key) => [key, object[key]!]));
  const channels = Object.fromEntries(Object.keys(ledger.channels).sort().map((id) => [id, sorted(ledger.channels[id]!)]));
  return `${JSON.stringify({ version: 1, channels }, null, 2)}\n`;
}

/** Writes the ledger atomically: a temporary file, flushed, renamed over the old one. */
export function writeLedger(path: string, ledger: Ledger): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, serialise(ledger));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  // The rename itself is durable once the folder is flushed (not possible on every platform).
  try {
    const folder = openSync(dirname(path), 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  } catch {
    // Windows cannot open a folder; the rename is still atomic there.
  }
}
