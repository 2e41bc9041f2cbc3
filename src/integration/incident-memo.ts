import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { INCIDENTS_DIR } from '../lib/content/paths.ts';
import type { IncidentMemo, LoadedIncident } from '../lib/content/load.ts';
import { folderPath, runtimeVersions, sha256 } from '../lib/core/files.ts';
import { compareText } from '../lib/core/order.ts';
import { codeFingerprint } from '../lib/outputs/render-cache.ts';
import { CACHE_FOLDER, saveRecordFile } from '../lib/outputs/render-record.ts';
import { stampLine } from './build-record.ts';

/**
 * What the last build's load gave for each incident folder, kept in the
 * project's cache folder, so that the next build reads again only the folders
 * that changed: reading and parsing ≈ 6 000 files was ≈ 0.6 s of the ≈ 0.9 s
 * the content took at 1 000 incidents, in every build.
 *
 * A folder is recalled when every file in it (path, size, modification and
 * change times, as in the build record's content signature) and the other
 * inputs of its load are as they were, and the loader's own code too: the
 * memo is keyed by a hash of the code the load runs (src/lib/content,
 * src/lib/core, src/i18n) and the lockfile. The cross-folder checks and
 * everything after the load run on every build as before.
 */
export interface SavedIncidentMemo extends IncidentMemo {
  /** Saves what this load recalled and kept (folders it did not see are forgotten). */
  save(): void;
}

interface Entry {
  stamp: string;
  inputs: string;
  loaded: LoadedIncident;
}

interface MemoFile {
  siteRoot: string;
  outDir: string;
  code: string;
  entries: [string, Entry][];
}

/** The code an incident's load runs, and this file: a change to either makes every folder load again. */
const LOADER_ENTRIES = ['src/lib/content/load.ts', 'src/integration/incident-memo.ts'];

/**
 * Opens the memo of `siteRoot`'s incidents as built into `outDir` (empty when there is none, or of other code, or
 * unreadable). `stamps` are the incident folders' stamps if the build took them already (contentStamps).
 */
export function openIncidentMemo(projectRoot: string, siteRoot: string, outDir: string, stamps?: ReadonlyMap<string, string>): SavedIncidentMemo {
  // One memo per output folder, as the build and render records: a build of the same content into another folder
  // (a test's reference build) loads every folder itself.
  const site = folderPath(resolve(siteRoot));
  const out = folderPath(resolve(outDir));
  const path = join(projectRoot, CACHE_FOLDER, `incidents-${sha256(`${site}\0${out}`).slice(0, 16)}.bin`);
  const code = codeHash(projectRoot);
  let previous = new Map<string, Entry>();
  try {
    const file = deserialize(readFileSync(path)) as MemoFile;
    if (file.siteRoot === site && file.outDir === out && file.code === code) previous = new Map(file.entries);
  } catch {
    // No memo yet, or one this code cannot read: every folder is loaded.
  }
  const current = new Map<string, Entry>();
  // The build's content signature stamped every folder already, before the load (contentStamps); else stamped here.
  const taken = new Map(stamps);
  const stampOf = (slug: string) => {
    let stamp = taken.get(slug);
    if (stamp === undefined) {
      stamp = folderStamp(join(site, INCIDENTS_DIR, slug));
      taken.set(slug, stamp);
    }
    return stamp;
  };
  return {
    recall(slug, inputs) {
      // Taken before the folder is read: a file saved during the load makes the next build read the folder again.
      const stamp = stampOf(slug);
      const entry = previous.get(slug);
      if (!entry || entry.inputs !== inputs || entry.stamp !== stamp) return undefined;
      current.set(slug, entry);
      return entry.loaded;
    },
    keep(slug, inputs, loaded) {
      current.set(slug, { stamp: stampOf(slug), inputs, loaded });
    },
    save() {
      const file: MemoFile = { siteRoot: site, outDir: out, code, entries: [...current] };
      try {
        saveRecordFile(path, serialize(file), 'incidents-');
      } catch {
        // Only a speed-up: a build on a read-only or full cache folder loads every folder next time, as without it.
      }
    },
  };
}

/** Every file and folder under `folder`, as the content signature's walk stamps each incident folder (build-record.ts). */
function folderStamp(folder: string): string {
  const stamp = createHash('sha256');
  const visit = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort(compareText)) {
      const stat = statSync(join(dir, name));
      stamp.update(`\0${stampLine(`${prefix}${name}`, stat)}`);
      if (stat.isDirectory()) visit(join(dir, name), `${prefix}${name}/`);
    }
  };
  visit(folder, '');
  return stamp.digest('hex');
}

/**
 * The loader's code (the modules load.ts imports, directly or not, and this file), the locked packages it uses
 * (zod, the YAML parsers; the lockfile, when there is one), and Node's ICU, time-zone and Unicode versions (a
 * message may name a zone or normalise a name).
 */
function codeHash(projectRoot: string): string {
  return sha256(JSON.stringify([codeFingerprint(projectRoot, LOADER_ENTRIES), runtimeVersions()]));
}

