/** Migration folders and files: which paths are migrations, which SQL an ORM generated, how the next migration is named, where the down half is. */
import { ts } from 'ts-morph';
import { sqlTokens } from '../parse/sqlTokens';
import { propName } from '../ts/helpers';

const MIGRATION_DIR = /migrat/i;

function segments(path: string): string[] { return path.split('/'); }
function dirOf(path: string): string { const i = path.lastIndexOf('/'); return i < 0 ? '' : path.slice(0, i); }
export function baseName(path: string): string { return path.slice(path.lastIndexOf('/') + 1); }

/**
 * A file inside a migrations folder: a folder named like `migrations`, `migration`, `db/migrate`, `db-migrations`,
 * `supabase/migrations`, `prisma/migrations/<name>/`, or drizzle-kit's `drizzle/` output.
 */
export function isMigrationPath(path: string): boolean {
  const dirs = segments(path).slice(0, -1);
  // drizzle-kit writes SQL (and meta/ JSON) there; a `src/drizzle/` folder of code (schema.ts, drizzle.module.ts) is the app's
  return dirs.some((d) => MIGRATION_DIR.test(d)) || (dirs.includes('drizzle') && /\.(sql|json)$/i.test(path));
}

/** Prisma Migrate's layout: `<folder>/<timestamp>_<name>/migration.sql`. */
export function isPrismaMigrationLayout(path: string): boolean {
  return /(^|\/)migrations\/[^/]+\/migration\.sql$/.test(path);
}

/**
 * SQL written by an ORM from a schema file (Prisma Migrate when a .prisma schema exists, drizzle-kit when its
 * journal is beside the file): the schema file is the source of truth, so schema rules report there.
 */
export function isGeneratedSql(path: string, has: (p: string) => boolean, hasPrismaSchema: boolean): boolean {
  if (hasPrismaSchema && isPrismaMigrationLayout(path)) return true;
  const dir = dirOf(path);
  return has(`${dir ? dir + '/' : ''}meta/_journal.json`);
}

/** The folder a migration belongs to (for Prisma's layout, the `migrations` folder above the migration's own folder). */
export function migrationFolder(path: string): string {
  return isPrismaMigrationLayout(path) ? dirOf(dirOf(path)) : dirOf(path);
}

/** The down half of an up/down pair of SQL files (`0001_x.down.sql`, `down.sql`). */
export function isDownMigrationFile(path: string): boolean {
  return /(^|[._-])down\.sql$/i.test(baseName(path)) || /(^|[._-])(rollback|revert|undo)[._-]?[^/]*\.sql$/i.test(baseName(path));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `20240101093000` + 1 second, in the same 14-digit UTC form. */
function nextTimestamp14(ts: string): string {
  const d = new Date(Date.UTC(+ts.slice(0, 4), +ts.slice(4, 6) - 1, +ts.slice(6, 8), +ts.slice(8, 10), +ts.slice(10, 12), +ts.slice(12, 14)) + 1000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
}

/**
 * The path of a new migration placed after every existing one of `folder`, named after the latest's numbering:
 * a 14-digit timestamp gets one second more (Supabase, Prisma, dbmate), an epoch in milliseconds one second more,
 * a counter (`0003_`, `V3__`) the next number. `existing` are workspace paths; undefined when no order can be derived.
 * Deterministic: it depends only on the existing names.
 */
export function nextMigrationPath(folder: string, existing: readonly string[], slug: string): string | undefined {
  const prefix = folder ? folder + '/' : '';
  const prisma = existing.some((p) => p.startsWith(prefix) && isPrismaMigrationLayout(p) && migrationFolder(p) === folder);
  const names = existing
    .filter((p) => p.startsWith(prefix) && (prisma ? isPrismaMigrationLayout(p) && migrationFolder(p) === folder : dirOf(p) === folder && /\.sql$/i.test(p)))
    .map((p) => (prisma ? baseName(dirOf(p)) : baseName(p)));
  const numbered = names.map((n) => /^(V)?(\d+)(__|[_-]|\.)/.exec(n)).filter((m): m is RegExpExecArray => !!m);
  if (!numbered.length) return undefined;
  numbered.sort((a, b) => (BigInt(a[2]) < BigInt(b[2]) ? -1 : BigInt(a[2]) > BigInt(b[2]) ? 1 : 0));
  const [, v = '', num, sep] = numbered[numbered.length - 1];
  let next: string;
  if (!v && num.length === 14 && /^20\d{12}$/.test(num)) next = nextTimestamp14(num);
  else if (!v && num.length === 13) next = String(BigInt(num) + 1000n);
  else next = pad(Number(BigInt(num) + 1n), num.length);
  const joiner = sep === '.' ? '_' : sep;
  const name = `${v}${next}${joiner}${slug}`;
  return prisma ? `${prefix}${name}/migration.sql` : `${prefix}${name}.sql`;
}

/** Offset where the down half of a single-file migration starts (dbmate `-- migrate:down`, goose `-- +goose Down`, sql-migrate `-- +migrate Down`). */
export function downMarker(text: string): number {
  for (const t of sqlTokens(text)) {
    if (t.kind !== 'comment') continue;
    const c = t.text.replace(/^--\s*/, '').toLowerCase();
    if (c.startsWith('migrate:down') || c.startsWith('+goose down') || c.startsWith('+migrate down')) return t.start;
  }
  return Infinity;
}

const DOWN_NAMES = new Set(['down', 'revert', 'rollback', 'undo']);

/** Whether a node is inside the `down` half of a migration (function, method, property or export named down / revert). */
export function inDown(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    let name: string | undefined;
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) name = propName(n.name);
    else if ((ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.name && !ts.isArrayBindingPattern(n.name) && !ts.isObjectBindingPattern(n.name)) name = propName(n.name as ts.PropertyName);
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) name = n.left.name.text;
    if (name && DOWN_NAMES.has(name.toLowerCase())) return true;
  }
  return false;
}


/** A SQL identifier as written in a migration: bare when lower-case snake_case, double-quoted (quotes doubled) otherwise. */
export function quoteSqlIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
