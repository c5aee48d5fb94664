/** The terminal report: findings grouped by phase then tier, then the checklist and a summary line. */
import type { ItemStatus } from '../engine/checklist';
import { formatEffort } from '../engine/effort';
import type { Finding, Tier } from '../engine/types';
import {
  PHASES, PHASE_TITLES, PRODUCT_NAME, TIERS, TOOL_VERSION,
  formatCount, location1, oneLine, plural, range1, statusText, type ReportInput,
} from './common';

export interface TextOptions {
  /** ANSI colours (the caller decides: a TTY, and NO_COLOR unset). */
  color?: boolean;
  /** Prepended to every file path, so locations resolve from the caller's directory (e.g. `examples/mvp/`). */
  pathPrefix?: string;
  /** Wrap messages to this width (a terminal's columns); no wrapping when absent. */
  width?: number;
  /** Findings and the summary line only: no header, no checklist. */
  compact?: boolean;
}

type Paint = (s: string) => string;
const sgr = (open: number, close: number): Paint => (s) => `\u001b[${open}m${s}\u001b[${close}m`;
const ANSI = {
  bold: sgr(1, 22), dim: sgr(2, 22), underline: sgr(4, 24),
  red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), gray: sgr(90, 39),
};
const PLAIN: typeof ANSI = Object.fromEntries(Object.keys(ANSI).map((k) => [k, (s: string) => s])) as typeof ANSI;

const TIER_HEADINGS: Record<Tier, string> = {
  'ship-stopping': 'Ship-stopping',
  'tech-debt': 'Tech debt',
  accepted: 'Acceptable shortcuts',
};

const STATUS_MARK: Record<ItemStatus, string> = { pass: '✓', fail: '✗', accepted: '~', attested: '✓', unknown: '?', 'not-applicable': '–' };

export function formatText(input: ReportInput, opts: TextOptions = {}): string {
  const c = opts.color ? ANSI : PLAIN;
  const tierColor: Record<Tier, Paint> = { 'ship-stopping': c.red, 'tech-debt': c.yellow, accepted: c.gray };
  const prefix = opts.pathPrefix ?? '';
  const out: string[] = [];

  if (!opts.compact) {
    const about = [input.name, plural(input.fileCount, 'file'), plural(input.rules.length, 'rule')].filter(Boolean).join(' · ');
    out.push(`${c.bold(PRODUCT_NAME)} ${TOOL_VERSION} ${c.dim(`· ${about}`)}`, '');
  }

  if (input.findings.length === 0) out.push(c.green('No findings.'), '');
  for (const phase of PHASES) {
    const inPhase = input.findings.filter((f) => f.phase === phase);
    if (!inPhase.length) continue;
    out.push(c.bold(PHASE_TITLES[phase].toUpperCase()));
    for (const tier of TIERS) {
      const list = inPhase.filter((f) => f.tier === tier);
      if (!list.length) continue;
      out.push(`  ${tierColor[tier](c.bold(`${TIER_HEADINGS[tier]} (${formatCount(list.length)})`))}`);
      for (const f of list) {
        out.push(`    ${c.underline(locationOf(f, prefix))}  ${c.dim(f.ruleId)}${input.baselined?.has(f.fingerprint) ? c.dim(' (baselined)') : ''}`);
        for (const line of wrap(oneLine(f.message), opts.width ? opts.width - 6 : undefined)) out.push(`      ${line}`);
      }
    }
    out.push('');
  }

  if (!opts.compact) {
    out.push(...checklistLines(input, c), '');
    out.push(...readinessLines(input, c), '');
    const problems = problemLines(input, c, prefix, opts.width);
    if (problems.length) out.push(...problems, '');
  }
  out.push(summaryLine(input, c));
  return out.join('\n') + '\n';
}

function locationOf(f: Finding, prefix: string): string {
  const l = location1(f);
  return `${prefix}${f.file}:${l.startLine}:${l.startColumn}`;
}

function checklistLines(input: ReportInput, c: typeof ANSI): string[] {
  const out = [c.bold('CHECKLIST')];
  const items = input.checklist.phases.flatMap((p) => p.items);
  const width = Math.max(...items.map((i) => i.title.length));
  const markColor: Record<ItemStatus, (s: string) => string> = {
    pass: c.green, attested: c.green, fail: c.red, accepted: c.gray, unknown: c.yellow, 'not-applicable': c.dim,
  };
  for (const phase of input.checklist.phases) {
    out.push(`  ${c.bold(phase.title)}`);
    for (const item of phase.items) {
      const debtOnly = item.status === 'fail' && !item.findings.some((f) => f.tier === 'ship-stopping');
      const paint = debtOnly ? c.yellow : markColor[item.status];
      out.push(`    ${paint(debtOnly ? '!' : STATUS_MARK[item.status])} ${item.title.padEnd(width)}  ${paint(statusText(item))}`);
    }
  }
  return out;
}

/** Readiness score and remaining effort per phase and in total, accepted shortcuts, attestations, baseline counts. */
function readinessLines(input: ReportInput, c: typeof ANSI): string[] {
  const cl = input.checklist;
  const work = cl.phases.filter((p) => p.phase !== 'audit');
  const effort = (h: number | undefined) => (h ? `${formatEffort(h)} of work` : 'no work left');
  const out = [`${c.bold('READINESS')} ${c.bold(`${cl.score ?? 0}%`)} ${c.dim('·')} ${cl.effortHours ? `${formatEffort(cl.effortHours)} of work left` : 'no work left'}`];
  const width = Math.max(...work.map((p) => p.title.length));
  const scoreColor = (n: number) => (n >= 100 ? c.green : n >= 50 ? c.yellow : c.red);
  for (const p of work) {
    const score = `${p.score ?? 0}%`.padStart(4);
    out.push(`  ${p.title.padEnd(width)}  ${scoreColor(p.score ?? 0)(score)} ready  ${c.dim('·')} ${plural(p.open, 'open finding')} ${c.dim('·')} ${effort(p.effortHours)}`);
  }
  const accepted = input.findings.filter((f) => f.tier === 'accepted').length;
  const expired = input.findings.filter((f) => f.acceptance?.expired).length;
  const attested = cl.phases.flatMap((p) => p.items).filter((i) => i.status === 'attested').length;
  const unknown = cl.phases.flatMap((p) => p.items).filter((i) => i.status === 'unknown').length;
  const triage = [
    `${plural(accepted, 'accepted shortcut')}${expired ? c.yellow(` (${formatCount(expired)} past the revisit date, back as findings)`) : ''}`,
    plural(attested, 'attested item'),
    ...(unknown ? [c.yellow(`${plural(unknown, 'item')} unknown`)] : []),
  ];
  out.push(`  ${triage.join(c.dim(' · '))}`);
  if (input.baselined) {
    const known = input.findings.filter((f) => f.tier !== 'accepted' && input.baselined!.has(f.fingerprint)).length;
    const fresh = input.findings.filter((f) => f.tier !== 'accepted').length - known;
    out.push(`  Baseline: ${plural(fresh, 'new finding')}, ${formatCount(known)} baselined`);
  }
  return out;
}

/** Problems in production-gap.json and accept comments (stale entries, missing reasons...), which would otherwise go unseen on the command line. */
function problemLines(input: ReportInput, c: typeof ANSI, prefix: string, width: number | undefined): string[] {
  const problems = input.configProblems ?? [];
  if (!problems.length) return [];
  const out = [c.bold('TEAM CONTROLS') + c.dim(' (production-gap.json and accept comments)')];
  for (const p of problems) {
    const l = range1(p.range);
    out.push(`  ${c.underline(`${prefix}${p.file}:${l.startLine}:${l.startColumn}`)}  ${(p.severity === 'error' ? c.red : c.yellow)(p.severity)} ${c.dim(p.code)}`);
    for (const line of wrap(oneLine(p.message), width ? width - 4 : undefined)) out.push(`    ${line}`);
  }
  return out;
}

function summaryLine(input: ReportInput, c: typeof ANSI): string {
  const t = input.checklist.totals;
  const parts = [
    (t['ship-stopping'] ? c.red : c.green)(`${formatCount(t['ship-stopping'])} ship-stopping`),
    (t['tech-debt'] ? c.yellow : c.green)(`${formatCount(t['tech-debt'])} tech debt`),
    c.gray(`${formatCount(t.accepted)} accepted`),
  ];
  // With a baseline the mark follows the new findings only, as the exit code does.
  const open = input.findings.filter((f) => f.tier !== 'accepted' && !input.baselined?.has(f.fingerprint));
  const mark = open.some((f) => f.tier === 'ship-stopping') ? c.red('✗') : open.length ? c.yellow('!') : c.green('✓');
  const known = input.baselined ? input.findings.filter((f) => f.tier !== 'accepted' && input.baselined!.has(f.fingerprint)).length : 0;
  const baseline = input.baselined ? ` ${c.dim(`(${formatCount(known)} baselined, ${formatCount(open.length)} new)`)}` : '';
  return `${mark} ${parts.join(c.dim(' · '))} ${c.dim(`in ${plural(input.fileCount, 'file')}`)}${baseline}`;
}

/** Word-wraps a line to `width` columns (words longer than the width stay whole). */
export function wrap(text: string, width: number | undefined): string[] {
  if (!width || width < 20 || text.length <= width) return [text];
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) { lines.push(cur); cur = word; } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}
