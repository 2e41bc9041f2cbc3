import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';

/** What to watch, relative to the site root, with forward slashes. */
export interface WatchTargets {
  /** Folders watched with everything below them. */
  folders: readonly string[];
  /** Single files, watched through their folder so that an editor saving by replacing the file is still seen. */
  files: readonly string[];
}

/**
 * Calls `onChange` with the changed path, once the events of a save have
 * settled, whenever a file in `targets` changes, appears or goes. A folder
 * that does not exist yet is watched from when it is created.
 */
export function watchPaths(root: string, targets: WatchTargets, onChange: (changed: string) => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  let pending: NodeJS.Timeout | undefined;
  const isWatched = (path: string) => targets.files.includes(path) || targets.folders.some((folder) => path === folder || path.startsWith(`${folder}/`));
  const changed = (path: string) => {
    // A save is often several events (write, rename, chmod): check once, when they have settled.
    clearTimeout(pending);
    pending = setTimeout(() => onChange(path), 100);
  };
  const add = (folder: string, recursive: boolean) => {
    const key = `${folder}|${recursive}`;
    if (watchers.has(key) || !existsSync(join(root, folder))) return;
    try {
      const watcher = watch(join(root, folder), { recursive }, (_event, name) => {
        const path = folder === '.' ? String(name) : `${folder}/${String(name)}`;
        // A watched folder may just have been created, or removed.
        attach();
        if (isWatched(path)) changed(path);
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(key);
      });
      watchers.set(key, watcher);
    } catch {
      // Gone between the check and the watch; attached again on the next event.
    }
  };
  // The folders on the way to each target, so that the target's creation is seen.
  const parents = new Set<string>(['.']);
  for (const path of [...targets.folders, ...targets.files]) {
    for (let parent = dirname(path); parent !== '.'; parent = dirname(parent)) parents.add(parent);
  }
  const attach = () => {
    for (const [key, watcher] of watchers) {
      if (existsSync(join(root, key.split('|')[0]!))) continue;
      watcher.close();
      watchers.delete(key);
    }
    for (const parent of parents) add(parent, false);
    for (const folder of targets.folders) add(folder, true);
  };
  attach();
  return {
    close() {
      clearTimeout(pending);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
