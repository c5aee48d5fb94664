/** The terminal report: findings grouped by phase then tier, then the checklist and a summary line. */
import type { ItemStatus } from '../engine/checklist';
import type { Finding, Tier } from '../engine/types';
import {
  PHASES, PHASE_TITLES, PRODUCT_NAME, TIERS, TOOL_VERSION,
  formatCount, location1, oneLine, plural, statusText, type ReportInput,
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

  if (!opts.compact) out.push(...checklistLines(input, c), '');
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

function summaryLine(input: ReportInput, c: typeof ANSI): string {
  const t = input.checklist.totals;
  const parts = [
    (t['ship-stopping'] ? c.red : c.green)(`${formatCount(t['ship-stopping'])} ship-stopping`),
    (t['tech-debt'] ? c.yellow : c.green)(`${formatCount(t['tech-debt'])} tech debt`),
    c.gray(`${formatCount(t.accepted)} accepted`),
  ];
  const mark = t['ship-stopping'] ? c.red('✗') : t['tech-debt'] ? c.yellow('!') : c.green('✓');
  return `${mark} ${parts.join(c.dim(' · '))} ${c.dim(`in ${plural(input.fileCount, 'file')}`)}`;
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
