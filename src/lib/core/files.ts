import { createHash } from 'node:crypto';

/**
 * Small rules the build's records share: how a file's bytes are named, how an output folder is named
 * whatever the trailing separator, and which of Node's versions decide what a build writes.
 */

/** The SHA-256 of `data`, in hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A folder's path without trailing separators: `dist/` and `dist` are one folder, with one record. */
export function folderPath(path: string): string {
  return path.replace(/[\\/]+$/, '');
}

/** Node's versions that decide a build's output: dates, zone names and text come from its ICU, time-zone and Unicode data. */
export function runtimeVersions(): (string | undefined)[] {
  const { node, icu, tz, unicode } = process.versions;
  return [node, icu, tz, unicode];
}
