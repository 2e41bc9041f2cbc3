/**
 * The orders lists are shown in. Every list that could tie ends with a key
 * that cannot (a slug, an id), so the order never depends on the input's and
 * two builds of the same content list things identically.
 */

/** Code-unit order of two strings: the same on every machine, unlike `localeCompare`, which follows the runtime's locale data. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator over items. */
export type Comparator<T> = (a: T, b: T) => number;

function byKeys<T>(a: T, b: T, keys: readonly ((item: T) => string)[]): number {
  for (const key of keys) {
    const order = compareText(key(a), key(b));
    if (order !== 0) return order;
  }
  return 0;
}

/** The latest `time` (epoch ms) first; equal times in ascending text order of each key in turn. */
export function newestFirst<T>(time: (item: T) => number, ...keys: ((item: T) => string)[]): Comparator<T> {
  return (a, b) => time(b) - time(a) || byKeys(a, b, keys);
}

/** The earliest `time` (epoch ms) first (upcoming maintenance: the soonest); equal times in ascending text order of each key in turn. */
export function oldestFirst<T>(time: (item: T) => number, ...keys: ((item: T) => string)[]): Comparator<T> {
  return newestFirst((item) => -time(item), ...keys);
}
