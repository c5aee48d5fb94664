/** Parses a file of any kind with a real parser that keeps positions. Parse errors are recorded, never thrown. */
import { ts } from 'ts-morph';
import * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import { PrismaParser, VisitorClassFactory, getSchema, type Schema } from '@mrleebo/prisma-ast';
import MarkdownIt from 'markdown-it';
import { parseTOML, type AST as TomlAST } from 'toml-eslint-parser';
import { LineIndex } from '../positions';
import { classify, type FileKind } from './kinds';
import { parseSql, type SqlStatement } from './sql';
import { isSchemaStatement, readStatement } from './sqlTokens';

export { classify, isEnvTemplate, basename, type FileKind } from './kinds';
export type { SqlStatement } from './sql';
export { sqlOffset } from './sql';

export interface MarkdownHeading { level: number; text: string; line: number }
export interface MarkdownDoc { headings: MarkdownHeading[]; /** Plain text of inline content and code, for word look-ups. */ words: Set<string> }
export interface EnvEntry { key: string; value: string; line: number; keyStart: number; valueStart: number }
export interface IgnoreLine { pattern: string; line: number }

interface Base { path: string; text: string; lines: LineIndex; parseError?: string }
export type ParsedFile =
  | Base & { kind: 'ts'; ast: ts.SourceFile }
  | Base & { kind: 'package-json' | 'json'; ast: jsonc.Node | undefined }
  | Base & { kind: 'yaml'; ast: YAML.Document.Parsed[] }
  | Base & { kind: 'dockerfile'; ast: Dockerfile }
  | Base & { kind: 'prisma'; ast: Schema | undefined }
  | Base & { kind: 'sql'; ast: SqlStatement[] }
  | Base & { kind: 'markdown'; ast: MarkdownDoc }
  | Base & { kind: 'gitignore' | 'dockerignore'; ast: IgnoreLine[] }
  | Base & { kind: 'env'; ast: EnvEntry[] }
  /** Undefined when the file does not parse (`parseError` says why): its rules fall back to the text. */
  | Base & { kind: 'toml'; ast: TomlAST.TOMLProgram | undefined }
  | Base & { kind: 'lockfile' | 'text'; ast: undefined };

export type ParsedOf<K extends FileKind> = Extract<ParsedFile, { kind: K }>;

function scriptKind(path: string): ts.ScriptKind {
  if (/\.tsx$/i.test(path)) return ts.ScriptKind.TSX;
  if (/\.(jsx)$/i.test(path)) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/i.test(path)) return ts.ScriptKind.JSX; // JS files may contain JSX
  return ts.ScriptKind.TS;
}

/**
 * Parses a TS/JS file. Given the file's previous tree, re-parses incrementally (only the changed region; TypeScript
 * reuses the rest of the tree, which then belongs to the new one: do not use `previous` afterwards).
 */
export function parseTs(path: string, text: string, previous?: ts.SourceFile): ts.SourceFile {
  if (previous && previous.fileName === path && previous.text !== text) {
    const old = previous.text;
    const max = Math.min(old.length, text.length);
    // The common prefix and suffix, skipping equal 256-character blocks with the engine's own string comparison.
    let start = 0;
    while (start + 256 <= max && old.slice(start, start + 256) === text.slice(start, start + 256)) start += 256;
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let tail = 0;
    while (tail + 256 <= max - start && old.slice(old.length - tail - 256, old.length - tail) === text.slice(text.length - tail - 256, text.length - tail)) tail += 256;
    while (tail < max - start && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
    const next = ts.updateSourceFile(previous, text, { span: { start, length: old.length - start - tail }, newLength: text.length - start - tail });
    // The incremental parser lists only the identifiers of the nodes it re-parsed: add the previous tree's names.
    const before = namesOf(previous);
    const now = namesOf(next);
    if (before && now) {
      const names = new Set(before.keys());
      for (const n of now.keys()) names.add(n);
      unionNames.set(next, names);
    } else unknownNames.add(next);
    return next;
  }
  return ts.createSourceFile(path, text, TS_OPTIONS, true, scriptKind(path));
}

/**
 * JSDoc is not parsed: no rule reads it (comments the engine reads, such as accept comments, are read as comment
 * ranges), and attaching JSDoc costs the parser a look for comments before every node that could carry one: parsing
 * without it took some 15% less time on the 5,000-file bench workspace. An incremental re-parse keeps the mode.
 */
const TS_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

const unionNames = new WeakMap<ts.SourceFile, ReadonlySet<string>>();
const unknownNames = new WeakSet<ts.SourceFile>();

/**
 * The names of a source file, from the table the parser keeps: every identifier (variables, properties, methods,
 * object keys, JSX tag names), and property names written as strings (quoted keys, `x['name']`) and import
 * specifiers; not other strings. Computed keys written as a string (`{ ['name']: 1 }`), which the parser does not
 * list, are added (a walk, only of files whose text has `[` then a quote). After an incremental re-parse, a superset
 * (the previous tree's names too). Undefined when unknown: then any name may occur. For cheap "can the file matter
 * to this rule" checks.
 */
export function namesOf(sf: ts.SourceFile): ReadonlySet<string> | ReadonlyMap<string, string> | undefined {
  if (unknownNames.has(sf)) return undefined;
  const known = unionNames.get(sf);
  if (known) return known;
  const ids = (sf as unknown as { identifiers?: ReadonlyMap<string, string> }).identifiers;
  if (!ids || !COMPUTED_KEY.test(sf.text)) return ids;
  const keys = computedStringKeys(sf);
  if (!keys.length) return ids;
  const names = new Set(ids.keys());
  for (const k of keys) names.add(k);
  unionNames.set(sf, names);
  return names;
}

/** `[` then a quote, with spaces or comments between: where a computed string key may be. */
const COMPUTED_KEY = /\[(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n\r]*)*['"`]/;

function computedStringKeys(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.ComputedPropertyName) {
      const e = (n as ts.ComputedPropertyName).expression;
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) out.push(e.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

let prismaParser: PrismaParser | undefined;
let prismaVisitor: InstanceType<ReturnType<typeof VisitorClassFactory>> | undefined;
function parsePrisma(text: string): Schema {
  if (!prismaParser) {
    prismaParser = new PrismaParser({ nodeLocationTracking: 'full' });
    prismaVisitor = new (VisitorClassFactory(prismaParser))();
  }
  return getSchema(text, { parser: prismaParser, visitor: prismaVisitor! });
}

let md: MarkdownIt | undefined;
function parseMarkdown(text: string): MarkdownDoc {
  md ??= new MarkdownIt();
  const tokens = md.parse(text, {});
  const headings: MarkdownHeading[] = [];
  const words = new Set<string>();
  const addWords = (s: string) => { for (const w of s.split(/[^A-Za-z0-9_]+/)) if (w) words.add(w); };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'heading_open' && t.map) {
      headings.push({ level: Number(t.tag.slice(1)), text: tokens[i + 1]?.content ?? '', line: t.map[0] });
    }
    if (t.type === 'inline' || t.type === 'fence' || t.type === 'code_block') addWords(t.content);
  }
  return { headings, words };
}

/** Keys of commented-out assignments (`# REDIS_HOST=localhost`): in a template, optional settings it documents. */
export function commentedEnvKeys(text: string): string[] {
  const out: string[] = [];
  for (const l of text.split(/\r?\n/)) {
    const m = /^\s*#+\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/.exec(l);
    if (m) out.push(m[1]);
  }
  return out;
}

/** Names alone on a line (`SECRETKEY`): a template that lists the variables without values. */
export function bareEnvKeys(text: string): string[] {
  const out: string[] = [];
  for (const l of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*$/.exec(l);
    if (m) out.push(m[1]);
  }
  return out;
}

/**
 * The assignments of a .env file, read as dotenv reads them: `KEY=value`, `KEY: value`, `export KEY=value`; a value
 * in single, double or back quotes (which may run over several lines, as a PEM key does), else up to a ` #` comment.
 */
function parseEnv(text: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  const head = /([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)(?:[ \t]*=[ \t]*|:[ \t]+)/y;
  let line = 0;
  for (let offset = 0; offset < text.length; line++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    head.lastIndex = offset;
    const m = head.exec(text);
    if (m && m.index === offset) {
      const valueStart = offset + m[0].length;
      const q = text[valueStart];
      const close = q === '"' || q === "'" || q === '`' ? closingQuote(text, valueStart + 1, q) : -1;
      const at = line;
      let value: string;
      if (close >= 0) {
        value = text.slice(valueStart + 1, close);
        if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\r\n/g, '\n');
        const lineEnd = text.indexOf('\n', close);
        // the lines a quoted value runs over are part of this entry
        for (let i = text.indexOf('\n', offset); i >= 0 && i < close; i = text.indexOf('\n', i + 1)) line++;
        end = lineEnd < 0 ? text.length : lineEnd;
      } else {
        value = text.slice(valueStart, end).replace(/\r$/, '').replace(/(^|\s)#.*$/, '').trim();
      }
      out.push({ key: m[2], value, line: at, keyStart: offset + m[1].length, valueStart });
    }
    offset = end + 1;
  }
  return out;
}

/** The index of the quote `q` closing a value that starts at `from` (a backslash escapes it), or -1. */
function closingQuote(text: string, from: number, q: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === q) return i;
  }
  return -1;
}

function parseIgnore(text: string): IgnoreLine[] {
  return text.split(/\r?\n/).map((l, line) => ({ pattern: l.trim(), line })).filter((l) => l.pattern && !l.pattern.startsWith('#'));
}

/** Parses `text` as the kind its path says (or `kind`). */
export function parseFile(path: string, text: string, kind: FileKind | undefined = classify(path), previousTs?: ts.SourceFile): ParsedFile | undefined {
  if (!kind) return undefined;
  const lines = new LineIndex(text);
  const base = { path, text, lines };
  try {
    switch (kind) {
      case 'ts': {
        const ast = parseTs(path, text, previousTs);
        const diags = (ast as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics;
        return { ...base, kind, ast, parseError: diags?.length ? ts.flattenDiagnosticMessageText(diags[0].messageText, ' ') : undefined };
      }
      case 'package-json':
      case 'json': {
        const errors: jsonc.ParseError[] = [];
        const ast = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
        return { ...base, kind, ast, parseError: errors.length ? `JSON: ${jsonc.printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}` : undefined };
      }
      case 'yaml': {
        const ast = YAML.parseAllDocuments(text, { keepSourceTokens: false }) as YAML.Document.Parsed[];
        const docs = Array.isArray(ast) ? ast : [ast as unknown as YAML.Document.Parsed];
        const err = docs.flatMap((d) => d.errors)[0];
        return { ...base, kind, ast: docs, parseError: err ? `YAML: ${err.message.split('\n')[0]}` : undefined };
      }
      case 'dockerfile': return { ...base, kind, ast: DockerfileParser.parse(text) };
      case 'prisma': {
        try { return { ...base, kind, ast: parsePrisma(text) }; } catch (e) {
          return { ...base, kind, ast: undefined, parseError: `Prisma: ${(e as Error).message.split('\n')[0]}` };
        }
      }
      case 'sql': {
        const ast = parseSql(text);
        const bad = ast.filter((s) => !s.ast && isSchemaStatement(text, s.start, s.end) && !readStatement(text, s.start, s.end)).length;
        return { ...base, kind, ast, parseError: bad ? `SQL: ${bad} statement(s) not understood by the parser` : undefined };
      }
      case 'markdown': return { ...base, kind, ast: parseMarkdown(text) };
      case 'gitignore':
      case 'dockerignore': return { ...base, kind, ast: parseIgnore(text) };
      case 'env': return { ...base, kind, ast: parseEnv(text) };
      case 'toml': {
        try { return { ...base, kind, ast: parseTOML(text) }; } catch (e) {
          const err = e as Error & { lineNumber?: number; column?: number };
          return { ...base, kind, ast: undefined, parseError: `TOML: ${err.message}${err.lineNumber ? ` at line ${err.lineNumber}, column ${(err.column ?? 0) + 1}` : ''}` };
        }
      }
      case 'lockfile':
      case 'text': return { ...base, kind, ast: undefined };
    }
  } catch (e) {
    return { ...base, kind: 'text', ast: undefined, parseError: `${kind}: ${(e as Error).message}` };
  }
}
