/** What every report format shares: its input, the product's identity, labels, and 1-based positions. */
import { CHECKLIST, PHASE_TITLES, type Checklist, type ChecklistItem } from '../engine/checklist';
import { CATEGORIES, PHASES, TIERS, type Category, type Finding, type Range, type Rule, type Tier } from '../engine/types';
import type { ConfigProblem, ProjectConfig } from '../engine/project';
import { version } from '../../package.json';

export const PRODUCT_NAME = 'Production Gap';
export const TOOL_NAME = 'production-gap';
export const TOOL_VERSION: string = version;
export const INFORMATION_URI = 'https://github.com/production-gap/production-gap';

/** Documentation page of a rule (the same address the language server gives as codeDescription.href). */
export function ruleDocUrl(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${ruleId}.md`;
}

/** The input of every format: an analysis result and the rules that produced it. */
export interface ReportInput {
  findings: readonly Finding[];
  checklist: Checklist;
  /** Number of files analysed. */
  fileCount: number;
  /** The active rules (the registry minus rules turned off). */
  rules: readonly Rule[];
  /** Display name of the audited folder, e.g. `mvp`. */
  name?: string;
  /** Fingerprints of a baseline (`--baseline`): those findings are known, not new. Absent: no baseline. */
  baselined?: ReadonlySet<string>;
  /** Problems in the team's controls (production-gap.json, accept comments): the analysis result's `configProblems`. */
  configProblems?: readonly ConfigProblem[];
  /** The parsed project files (the analysis result's `projects`): every attestation, expired ones included. */
  projects?: readonly ProjectConfig[];
  /** YYYY-MM-DD the revisit and expiry dates are compared with; default: today's local date (as the engine does). */
  today?: string;
}

export const CATEGORY_TITLES: Record<Category, string> = {
  auth: 'Auth',
  data: 'Data integrity',
  errors: 'Error visibility',
  deploy: 'Deployment safety',
  security: 'Security baseline',
  docs: 'Documentation',
};

export { CATEGORIES, PHASES, TIERS, PHASE_TITLES };

/** Counts per area and tier (the per-tier totals are the checklist's `totals`). */
export function countByCategory(findings: readonly Finding[]): Record<Category, Record<Tier, number>> {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, { 'ship-stopping': 0, 'tech-debt': 0, accepted: 0 }])) as Record<Category, Record<Tier, number>>;
  for (const f of findings) out[f.category][f.tier]++;
  return out;
}

/** 1-based line and column (UTF-16 code units), as editors, SARIF and the text output show them. */
export interface Location1 { startLine: number; startColumn: number; endLine: number; endColumn: number }

export function location1(f: Finding): Location1 {
  return range1(f.range);
}

export function range1(range: Range): Location1 {
  const { start, end } = range;
  const endLine = Math.max(end.line, start.line);
  const endCharacter = endLine === start.line ? Math.max(end.character, start.character) : end.character;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: endLine + 1, endColumn: endCharacter + 1 };
}

/** A '/'-separated workspace path as a relative URI reference (each segment percent-encoded). */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** Groups items by a key, keeping the order in which keys first appear. */
export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(it);
  }
  return out;
}

/** One line of text: a message never spans lines in a report. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** `1,234` */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** What a checklist line says after its title: `3 open`, `pass`, `unknown (confirm by hand)`... */
export function statusText(item: ChecklistItem): string {
  const accepted = item.findings.filter((f) => f.tier === 'accepted').length;
  switch (item.status) {
    case 'fail': return `${formatCount(item.count)} open${accepted ? `, ${formatCount(accepted)} accepted` : ''}`;
    case 'accepted': return `${formatCount(accepted)} accepted`;
    case 'pass': return item.phase === 'audit' ? 'none' : item.note ? `pass (${item.note.replace(/\.$/, '')})` : 'pass';
    case 'attested': return 'attested';
    case 'not-applicable': return 'not applicable';
    case 'unknown': {
      const def = CHECKLIST.find((d) => d.id === item.id);
      if (item.note) return `unknown (${item.note}: confirm by hand)`;
      return def?.attestable ? 'unknown (a scan cannot see it: confirm by hand)' : 'unknown (not checked yet)';
    }
  }
}
