/**
 * Waits until `read` returns a value, checking it now and each time output
 * arrives (the caller calls every function in `listeners` then); rejects
 * after `timeoutMs` with `describe()`'s message. For tests that watch a live
 * process's output (a pseudo-terminal, a watcher).
 */
export function waitForOutput<T>(listeners: Set<() => void>, read: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = read();
      if (value === undefined) return;
      finish();
      resolve(value);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(describe()));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      listeners.delete(check);
    };
    listeners.add(check);
    check();
  });
}
