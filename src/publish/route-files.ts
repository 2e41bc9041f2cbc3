import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIContext, GetStaticPathsResult } from 'astro';
import { filesUnder } from '../integration/build-record.ts';

/**
 * Astro's routes, read from the route files under src/pages themselves, for
 * the rebuild that does not start Astro: the files are the one list of what
 * Astro builds, so the rebuild cannot drift from it. Endpoint files (`.ts`)
 * are imported as they are; page files (`.astro`) are all one shape, a
 * `getStaticPaths` from `paths` and one `pages` call, and are read as text.
 * A route file of any other shape makes the rebuild refuse, and the build is
 * Astro's (tests/unit/route-files.test.ts keeps every route file readable).
 */
export interface RouteFile {
  /** The file, relative to src/pages, e.g. `[...lang]/history/[year].astro`. */
  file: string;
  /** Its outputs: the site-relative file and its bytes (or text), for each set of params. */
  outputs(): Promise<{ path: string; body: string | Uint8Array }[]>;
}

type Params = Record<string, string | undefined>;
type Props = Record<string, unknown>;
type StaticPaths = () => GetStaticPathsResult | Promise<GetStaticPathsResult>;
/** An endpoint file's exports. */
interface EndpointModule {
  getStaticPaths?: StaticPaths;
  GET?: (context: APIContext) => Response | Promise<Response>;
}

/** Route modules (src/routes/index.ts), as the `.astro` files use them. */
interface RouteTable {
  paths: Record<string, StaticPaths>;
  pages: Record<string, (params: Params, props: Props) => string>;
}

export class RouteShapeError extends Error {}

/** A page file: frontmatter of imports, comments and at most `export const getStaticPaths = paths.<name>;`, then one `pages.<name>(…)`. */
const PAGE_FILE = new RegExp(
  [
    '^---\\n(?:(?:',
    ["//[^\\n]*", "import \\{ [\\w, ]+ \\} from '[./]+routes/index\\.ts';", 'export const getStaticPaths = paths\\.(?<paths>\\w+);', ''].join('|'),
    ')\\n)*---\\n',
    '<Fragment set:html=\\{pages\\.(?<page>\\w+)\\((?:Astro\\.params(?:, Astro\\.props)?)?\\)\\} />\\n?$',
  ].join(''),
);

/** Reads a page file's two names; throws RouteShapeError when it is not the one shape. */
export function pageFileNames(file: string, text: string): { paths: string | undefined; page: string } {
  const match = PAGE_FILE.exec(text);
  if (!match) throw new RouteShapeError(`src/pages/${file} is not a route file the rebuild can read (see src/publish/route-files.ts)`);
  return { paths: match.groups!.paths, page: match.groups!.page! };
}

/**
 * The output file of a route file for one set of params, as Astro names it
 * with `build.format: 'directory'`: `[...lang]/history/[year].astro` →
 * `en/history/2025/index.html`, `[...lang]/rss.xml.ts` → `rss.xml`, `404.astro` → `404.html`.
 */
export function outputPath(file: string, params: Params): string {
  let path = file.replace(/\.ts$/, '');
  if (path.endsWith('.astro')) {
    path = path.slice(0, -'.astro'.length);
    if (path === '404' || path === '500') path = `${path}.html`;
    else path = path === 'index' || path.endsWith('/index') ? `${path}.html` : `${path}/index.html`;
  }
  const filled = path.replace(/\[\.\.\.(\w+)\]|\[(\w+)\]/g, (_, rest: string | undefined, name: string | undefined) => params[(rest ?? name)!] ?? '');
  return filled.split('/').filter(Boolean).join('/');
}

/** Whether the route file can make the output `path` for some params (its pattern matches it; a rest param matches any folders). */
export function routeMakes(file: string, path: string): boolean {
  const pattern = outputPath(file.replace(/\[\.\.\.\w+\]/g, '\u0000r').replace(/\[\w+\]/g, '\u0000p'), {});
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('\u0000r/', '(?:.*/)?')
    .replaceAll('\u0000r', '.*')
    .replaceAll('\u0000p', '[^/]+');
  return new RegExp(`^${source}$`).test(path);
}

/** An endpoint file: imports, comments, at most `export const getStaticPaths = paths.<name>;`, and `export const GET = endpoints.<name>…;`. */
const ENDPOINT_FILE = new RegExp(
  [
    '^(?:(?:',
    [
      '//[^\\n]*',
      "import \\{ [\\w, ]+ \\} from '[./]+routes/index\\.ts';",
      'export const getStaticPaths = paths\\.\\w+;',
      "export const GET = endpoints\\.\\w+(?:\\('\\w+'\\))?;",
      '',
    ].join('|'),
    ')\\n)*$',
  ].join(''),
);

/**
 * The route files under `<projectRoot>/src/pages` (as Astro sees them: names starting with "_" are not routes),
 * each with its page names when it is a page file; throws RouteShapeError for a file the rebuild cannot read.
 */
function readRouteFiles(projectRoot: string): { file: string; page?: ReturnType<typeof pageFileNames> }[] {
  const pagesDir = join(projectRoot, 'src/pages');
  return filesUnder(pagesDir)
    .filter((file) => !file.split('/').some((part) => part.startsWith('_')))
    .map((file) => {
      const text = readFileSync(join(pagesDir, file), 'utf8');
      if (file.endsWith('.astro')) return { file, page: pageFileNames(file, text) };
      if (file.endsWith('.ts') && ENDPOINT_FILE.test(text) && text.includes('export const GET = ')) return { file };
      throw new RouteShapeError(`src/pages/${file} is not a route file the rebuild can read (see src/publish/route-files.ts)`);
    });
}

/** Why a route file under `<projectRoot>/src/pages` is one the rebuild cannot read (then the build is Astro's); undefined when all are. */
export function unreadableRouteFile(projectRoot: string): string | undefined {
  try {
    readRouteFiles(projectRoot);
    return undefined;
  } catch (error) {
    if (error instanceof RouteShapeError) return error.message;
    throw error;
  }
}

/** Every route file under `<projectRoot>/src/pages`, ready to render (call once `virtual:shirase/build` is served). */
export async function loadRouteFiles(projectRoot: string): Promise<RouteFile[]> {
  const pagesDir = join(projectRoot, 'src/pages');
  const files = readRouteFiles(projectRoot);
  const table = (await import(pathToFileURL(join(projectRoot, 'src/routes/index.ts')).href)) as RouteTable;
  const routes: RouteFile[] = [];
  for (const { file, page } of files) {
    if (page) {
      const staticPaths = page.paths === undefined ? undefined : table.paths[page.paths];
      const render = table.pages[page.page];
      if ((page.paths !== undefined && !staticPaths) || !render) {
        throw new RouteShapeError(`src/pages/${file} names a route function src/routes/index.ts does not have`);
      }
      const outputs = async () => (await paramsOf(staticPaths)).map(({ params, props }) => ({ path: outputPath(file, params), body: render(params, props) }));
      routes.push({ file, outputs });
      continue;
    }
    const module = (await import(pathToFileURL(join(pagesDir, file)).href)) as EndpointModule;
    const get = module.GET;
    if (!get) throw new RouteShapeError(`src/pages/${file} has no GET`);
    routes.push({
      file,
      outputs: async () =>
        Promise.all(
          (await paramsOf(module.getStaticPaths)).map(async ({ params, props }) => {
            // Our endpoints read only their params and props (src/routes/index.ts).
            const response = await get({ params, props } as unknown as APIContext);
            if (!response.ok) throw new Error(`src/pages/${file} answered ${response.status} for ${JSON.stringify(params)}`);
            // The bytes as they are, as Astro writes them.
            return { path: outputPath(file, params), body: new Uint8Array(await response.arrayBuffer()) };
          }),
        ),
    });
  }
  return routes;
}

/** A route's params and props; one empty set for a route without getStaticPaths. */
async function paramsOf(staticPaths: StaticPaths | undefined): Promise<{ params: Params; props: Props }[]> {
  if (!staticPaths) return [{ params: {}, props: {} }];
  const list = await staticPaths();
  return list.map((entry) => ({ params: (entry.params ?? {}) as Params, props: (entry.props ?? {}) as Props }));
}
