import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostics.ts';
import { load as loadYaml, CORE_SCHEMA } from 'js-yaml';

/**
 * A Markdown file split into front matter and body, with a way back from any
 * front-matter field to its line and column for error messages.
 */
export interface MarkdownFile {
  /** Path relative to the site root, e.g. incidents/x/2018-04-13-update.md. */
  file: string;
  /** Front matter as plain values; every scalar stays the string, number or boolean written (no Date objects). */
  data: Record<string, unknown>;
  /** The Markdown body, LF line endings. */
  body: string;
  /** 1-based line the body starts on. */
  bodyLine: number;
  /** Position of a field's value (or, with `key`, of its key) by path; the front matter start if not found. */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
}

export type ReadResult = { ok: true; value: MarkdownFile } | { ok: false; diagnostics: Diagnostic[] };

/** Index of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text with a BOM removed and CRLF / CR turned into LF, so positions are the same on every OS. */
export function decodeText(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] } {
  const bad = firstInvalidUtf8Byte(bytes);
  if (bad >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++)
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    const column = utf8.decode(bytes.subarray(lineStart, bad)).length + 1;
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      diagnostics: [
        {
          file,
          line,
          column,
          severity: 'error',
          message: `file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)`,
        },
      ],
    };
  }
  let text = utf8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

const CLOSED_FRONT_MATTER = /^---[ \t]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\n|$)/;

/** Reads one Markdown file with YAML front matter; never throws on bad input. */
export function readMarkdownFile(file: string, bytes: Uint8Array): ReadResult {
  const decoded = decodeText(file, bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  const fail = (line: number, column: number, message: string): ReadResult => ({
    ok: false,
    diagnostics: [{ file, line, column, severity: 'error', message }],
  });
  if (!/^---[ \t]*(\n|$)/.test(text)) {
    return fail(1, 1, 'has no front matter; start the file with a line "---", the fields, then another "---" line');
  }
  if (!CLOSED_FRONT_MATTER.test(text)) {
    return fail(1, 1, 'front matter is not closed; add a line "---" after the last field');
  }

  let yamlSource: string | undefined;
  const parsed = matter(text, {
    engines: {
      // Parsed below with positions; gray-matter only splits the file here.
      yaml: (source: string) => {
        yamlSource = source;
        return {};
      },
    },
  });
  // "---" directly followed by "---" is an empty front matter: valid, no fields.
  yamlSource ??= '';
  // The matter string starts with the newline that ends the opening "---", so YAML line N is file line N.
  const yaml = parseYamlSource(file, yamlSource, 'front matter');
  if (!yaml.ok) return yaml;
  const { data, locate } = yaml.value;
  const prefixLength = text.length - parsed.content.length;
  const bodyLine = countNewlines(text, prefixLength) + 1;

  return {
    ok: true,
    value: {
      file,
      data,
      body: parsed.content,
      bodyLine,
      locate,
    },
  };
}

export interface YamlSource {
  data: Record<string, unknown>;
  locate: MarkdownFile['locate'];
}

type YamlResult = { ok: true; value: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses a YAML mapping (front matter or a config file) keeping every value as
 * written, with positions. Both parsers use the YAML 1.2 core schema, so a
 * timestamp stays the string the operator wrote. js-yaml reads valid files
 * fast; the `yaml` package (slower, but with positions) runs only for invalid
 * YAML and when a message needs a line and column.
 */
export function parseYamlSource(file: string, source: string, what: string): YamlResult {
  // Comments and blank lines only: an empty mapping.
  if (source.split('\n').every((line) => /^\s*(?:#.*)?$/.test(line))) return { ok: true, value: { data: {}, locate: () => ({ line: 1, column: 1 }) } };
  let data: unknown;
  try {
    data = loadYaml(source, { schema: CORE_SCHEMA, filename: file });
  } catch {
    return parseYamlWithPositions(file, source, what);
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) return parseYamlWithPositions(file, source, what);
  let detailed: YamlResult | undefined;
  return {
    ok: true,
    value: {
      data: (data ?? {}) as Record<string, unknown>,
      locate(path, options) {
        detailed ??= parseYamlWithPositions(file, source, what);
        return detailed.ok ? detailed.value.locate(path, options) : { line: 1, column: 1 };
      },
    },
  };
}

/** The `yaml` package's parse: precise error positions and a node for every field. */
function parseYamlWithPositions(file: string, source: string, what: string): YamlResult {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: timestamps stay strings and `yes`/`no` stay strings, so nothing is reinterpreted.
  const document = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      diagnostics: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        const key = error.code === 'DUPLICATE_KEY' ? /^\s*["']?([^"':\n]+)/.exec(source.slice(error.pos[0]))?.[1]?.trim() : undefined;
        const message = key
          ? `field "${key}" appears twice in ${what}; each field may appear once, so keep one "${key}:" line`
          : `invalid YAML in ${what}: ${describeYamlError(error.code, error.message)}`;
        return { file, line: position.line, column: position.col, severity: 'error' as const, message };
      }),
    };
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    const position = contents.range ? lineCounter.linePos(contents.range[0]) : { line: 1, col: 1 };
    return {
      ok: false,
      diagnostics: [{ file, line: position.line, column: position.col, severity: 'error', message: `${what} must be a list of "key: value" fields` }],
    };
  }
  let data: Record<string, unknown>;
  try {
    data = (document.toJS({ maxAliasCount: 50 }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, severity: 'error', message: `invalid YAML in ${what}: ${(error as Error).message}` }] };
  }
  const firstLine = contents?.range ? lineCounter.linePos(contents.range[0]) : { line: 1, col: 1 };
  return {
    ok: true,
    value: {
      data,
      locate(path, options) {
        const node = findNode(document, path, options?.key ?? false);
        if (node?.range) {
          const position = lineCounter.linePos(node.range[0]);
          return { line: position.line, column: position.col };
        }
        return { line: firstLine.line, column: firstLine.col };
      },
    },
  };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return `${first}; each field may appear once`;
  return `${first}; check indentation, colons and quotes (values containing ": " or starting with a special character need quotes)`;
}

/** The YAML node at `path` (the nearest existing ancestor when the path goes further than the document). */
function findNode(document: Document.Parsed, path: readonly PropertyKey[], wantKey: boolean): Node | undefined {
  let current: unknown = document.contents;
  let found: Node | undefined = current as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const isLast = i === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return found;
      if (isLast && wantKey && pair.key) return pair.key as Node;
      current = pair.value;
      found = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (!item) return found;
      current = item;
      found = item as Node;
    } else {
      return found;
    }
  }
  return found;
}
