import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { mediaTypeOf } from '../../src/lib/core/media-types.ts';

/**
 * A tiny static file server for a built dist, close to what a static host
 * does: `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, misses get
 * `404.html` with status 404, and every file gets a correct Content-Type.
 * Binds 127.0.0.1 on a free port.
 */

export interface StaticServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** origin + base path, ending in "/". */
  root: string;
  /** Every request path the server saw, in order. */
  requests: string[];
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** Serves `dir` under `base` (e.g. "/" or "/status/"); `headers` adds a host's own headers for a path (e.g. from `_headers`). */
export async function serveDir(dir: string, options: { base?: string; headers?: (path: string) => Record<string, string> } = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const requests: string[] = [];

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(url.pathname + url.search);
      const send = async (status: number, file: string | undefined, headers: Record<string, string> = {}) => {
        const body = file === undefined ? Buffer.from(`${status}\n`) : await readFile(file);
        res.writeHead(status, {
          'Content-Type': file === undefined ? 'text/plain; charset=utf-8' : mediaTypeOf(file),
          'Content-Length': String(body.length),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
          ...options.headers?.(url.pathname),
          ...headers,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      const notFound = async () => {
        const page = join(root, '404.html');
        await send(404, (await fileAt(page)) === 'file' ? page : undefined);
      };

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, undefined, { Allow: 'GET, HEAD' });
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return notFound();
      }
      if (!pathname.startsWith(base) && `${pathname}/` !== base) return notFound();
      const relativePath = pathname.slice(base.length);
      const target = resolve(root, relativePath);
      if (target !== root && !target.startsWith(root + sep)) return notFound();
      const kind = await fileAt(target);
      if (kind === 'file') return send(200, target);
      if (kind === 'dir') {
        if (!pathname.endsWith('/')) return send(301, undefined, { Location: `${url.pathname}/${url.search}` });
        const index = join(target, 'index.html');
        if ((await fileAt(index)) === 'file') return send(200, index);
      }
      return notFound();
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: origin + base,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
