/**
 * The team's project file, `production-gap.json` (at the root, or per package in a monorepo: the nearest one wins):
 * rule settings, exclude globs, accepted shortcuts and attestations. Parsed with jsonc-parser so every problem has a
 * position; a bad file yields config problems, never an exception.
 *
 * Precedence: the project file is the team's shared truth; the editor/CLI EngineConfig (`rules`, `exclude`) is the
 * local user's view and overrides a rule's setting for that user only (its excludes add to the file's). Accepted
 * shortcuts and attestations come only from project files, so everyone sees the same triage.
 */
import * as jsonc from 'jsonc-parser';
import { isIsoDate } from './dates';
import { LineIndex } from './positions';
import { TIERS, type Range, type Tier } from './types';

export const PROJECT_FILE = 'production-gap.json';

/** A problem in the team's controls (project file or an inline accept comment): shown in that file, never fatal. */
export interface ConfigProblem {
  file: string;
  range: Range;
  severity: 'error' | 'warning';
  /** 'invalid' (bad content), 'no-reason', 'unknown-rule', 'unknown-item', 'stale' (matches no finding), 'expired'. */
  code: 'invalid' | 'no-reason' | 'unknown-rule' | 'unknown-item' | 'stale' | 'expired';
  message: string;
}

export interface AcceptedEntry {
  rule: string;
  /** Workspace path (resolved from the project file's folder); absent: the whole scope of the project file. */
  file?: string;
  fingerprint?: string;
  reason: string;
  by?: string;
  date?: string;
  revisit?: string;
  /** The project file and the entry's range in it (for stale warnings and editor navigation). */
  source: string;
  range: Range;
}

export interface Attestation {
  item: string;
  evidence: string;
  by: string;
  date: string;
  expires?: string;
  source: string;
  range: Range;
}

export interface ProjectConfig {
  path: string;
  /** Folder the file governs ('' for the root). */
  dir: string;
  rules: Record<string, 'off' | Tier>;
  /** Globs relative to `dir`. */
  exclude: string[];
  accepted: AcceptedEntry[];
  attestations: Attestation[];
}

export interface KnownIds { ruleIds: ReadonlySet<string>; checklistIds: ReadonlySet<string> }

export function isProjectFile(path: string): boolean {
  return path === PROJECT_FILE || path.endsWith(`/${PROJECT_FILE}`);
}

export function projectDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export { isIsoDate, localToday } from './dates';

const ROOT_KEYS = new Set(['$schema', 'rules', 'exclude', 'accepted', 'attestations']);
const ACCEPTED_KEYS = new Set(['rule', 'file', 'fingerprint', 'reason', 'by', 'date', 'revisit']);
const ATTESTATION_KEYS = new Set(['item', 'evidence', 'by', 'date', 'expires']);

export function parseProjectFile(path: string, text: string, known: KnownIds): { config: ProjectConfig; problems: ConfigProblem[] } {
  const dir = projectDir(path);
  const config: ProjectConfig = { path, dir, rules: {}, exclude: [], accepted: [], attestations: [] };
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const rangeOf = (n: jsonc.Node | undefined): Range => n ? lines.range(n.offset, n.offset + n.length) : lines.range(0, 0);
  const problem = (n: jsonc.Node | undefined, message: string, code: ConfigProblem['code'] = 'invalid', severity: ConfigProblem['severity'] = 'error') =>
    problems.push({ file: path, range: rangeOf(n), severity, code, message });

  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    problems.push({ file: path, range: lines.range(e.offset, e.offset + Math.max(e.length, 1)), severity: 'error', code: 'invalid', message: `${PROJECT_FILE} is not valid JSON: ${jsonc.printParseErrorCode(e.error)}.` });
  }
  if (!root) return { config, problems };
  if (root.type !== 'object') { problem(root, `${PROJECT_FILE} must contain an object with "rules", "exclude", "accepted" and "attestations".`); return { config, problems }; }

  const props = (obj: jsonc.Node) => (obj.children ?? []).filter((p) => p.type === 'property' && p.children?.length === 2).map((p) => ({ key: p.children![0].value as string, keyNode: p.children![0], value: p.children![1], node: p }));
  const str = (n: jsonc.Node | undefined) => (n?.type === 'string' ? (n.value as string) : undefined);
  const inScope = (p: string) => (dir ? `${dir}/${p}` : p).replace(/\/\.\//g, '/');

  for (const { key, keyNode, value } of props(root)) {
    if (!ROOT_KEYS.has(key)) { problem(keyNode, `Unknown setting "${key}": expected "rules", "exclude", "accepted" or "attestations".`, 'invalid', 'warning'); continue; }
    if (key === 'rules') {
      if (value.type !== 'object') { problem(value, '"rules" must be an object: { "<rule id>": "off" | "ship-stopping" | "tech-debt" | "accepted" }.'); continue; }
      for (const r of props(value)) {
        if (!known.ruleIds.has(r.key)) { problem(r.keyNode, `Unknown rule id "${r.key}": see the rule list in the documentation.`, 'unknown-rule'); continue; }
        const v = str(r.value);
        if (v !== 'off' && !(TIERS as readonly string[]).includes(v ?? '')) { problem(r.value, `Rule "${r.key}": expected "off", "ship-stopping", "tech-debt" or "accepted".`); continue; }
        config.rules[r.key] = v as 'off' | Tier;
      }
    } else if (key === 'exclude') {
      if (value.type !== 'array') { problem(value, '"exclude" must be an array of glob strings.'); continue; }
      for (const g of value.children ?? []) {
        const s = str(g)?.trim().replace(/^\.\//, '');
        if (!s) problem(g, 'An exclude entry must be a non-empty glob string.');
        else config.exclude.push(s);
      }
    } else if (key === 'accepted') {
      if (value.type !== 'array') { problem(value, '"accepted" must be an array of accepted shortcuts.'); continue; }
      for (const e of value.children ?? []) {
        if (e.type !== 'object') { problem(e, 'An accepted shortcut must be an object: { "rule", "reason", "by", "date", "file"?, "fingerprint"?, "revisit"? }.'); continue; }
        const f = Object.fromEntries(props(e).map((p) => [p.key, p]));
        let ok = true;
        for (const p of props(e)) if (!ACCEPTED_KEYS.has(p.key)) problem(p.keyNode, `Unknown field "${p.key}" in an accepted shortcut.`, 'invalid', 'warning');
        const rule = str(f.rule?.value);
        if (!rule) { problem(f.rule?.value ?? e, 'An accepted shortcut needs "rule": the id of the rule whose finding is accepted.'); ok = false; }
        else if (!known.ruleIds.has(rule)) { problem(f.rule.value, `Unknown rule id "${rule}".`, 'unknown-rule'); ok = false; }
        const reason = str(f.reason?.value)?.trim();
        if (!reason) { problem(f.reason?.value ?? e, 'An accepted shortcut needs a "reason": why the team accepts this gap for now. Without one it is not accepted.', 'no-reason'); ok = false; }
        for (const d of ['date', 'revisit'] as const) {
          if (f[d] && !isIsoDate(str(f[d].value))) { problem(f[d].value, `"${d}" must be a date written YYYY-MM-DD.`); ok = false; }
        }
        for (const s of ['file', 'fingerprint', 'by'] as const) {
          if (f[s] && !str(f[s].value)) { problem(f[s].value, `"${s}" must be a string.`); ok = false; }
        }
        if (f.fingerprint && !f.file) { problem(f.fingerprint.keyNode, 'A "fingerprint" needs the "file" it belongs to.'); ok = false; }
        if (!ok) continue;
        const file = str(f.file?.value)?.replace(/^\.\//, '');
        config.accepted.push({
          rule: rule!, reason: reason!, file: file ? inScope(file) : undefined, fingerprint: str(f.fingerprint?.value),
          by: str(f.by?.value), date: str(f.date?.value), revisit: str(f.revisit?.value), source: path, range: rangeOf(e),
        });
      }
    } else if (key === 'attestations') {
      if (value.type !== 'array') { problem(value, '"attestations" must be an array.'); continue; }
      for (const e of value.children ?? []) {
        if (e.type !== 'object') { problem(e, 'An attestation must be an object: { "item", "evidence", "by", "date", "expires"? }.'); continue; }
        const f = Object.fromEntries(props(e).map((p) => [p.key, p]));
        let ok = true;
        for (const p of props(e)) if (!ATTESTATION_KEYS.has(p.key)) problem(p.keyNode, `Unknown field "${p.key}" in an attestation.`, 'invalid', 'warning');
        const item = str(f.item?.value);
        if (!item) { problem(f.item?.value ?? e, 'An attestation needs "item": the checklist item it confirms (e.g. "infra.backups").'); ok = false; }
        else if (!known.checklistIds.has(item)) { problem(f.item.value, `Unknown checklist item "${item}": expected one of ${[...known.checklistIds].join(', ')}.`, 'unknown-item'); ok = false; }
        for (const s of ['evidence', 'by'] as const) {
          if (!str(f[s]?.value)?.trim()) { problem(f[s]?.value ?? e, s === 'evidence' ? 'An attestation needs "evidence": what shows it is in place (a link, a runbook section, a dashboard).' : 'An attestation needs "by": who confirms it.'); ok = false; }
        }
        if (!isIsoDate(str(f.date?.value))) { problem(f.date?.value ?? e, 'An attestation needs "date", written YYYY-MM-DD.'); ok = false; }
        if (f.expires && !isIsoDate(str(f.expires.value))) { problem(f.expires.value, '"expires" must be a date written YYYY-MM-DD.'); ok = false; }
        if (!ok) continue;
        config.attestations.push({ item: item!, evidence: str(f.evidence.value)!.trim(), by: str(f.by.value)!.trim(), date: str(f.date.value)!, expires: str(f.expires?.value), source: path, range: rangeOf(e) });
      }
    }
  }
  return { config, problems };
}

/** The project file governing `file`: the one in the deepest folder containing it. */
export function nearestProject<T extends { dir: string }>(projects: readonly T[], file: string): T | undefined {
  let best: T | undefined;
  for (const p of projects) {
    if (p.dir === '' || file === p.dir || file.startsWith(`${p.dir}/`)) {
      if (!best || p.dir.length > best.dir.length) best = p;
    }
  }
  return best;
}
