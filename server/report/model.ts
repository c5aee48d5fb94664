/**
 * The audit report's content, independent of its syntax: what the Markdown and HTML reports show, computed once from
 * an analysis (findings after triage, checklist, project files, baseline). report/document.ts lays it out.
 *
 * With a baseline, the ship-stopping and technical-debt sections (and the verdict and tier counts) hold only the new
 * findings; baselined ones get their own section. Readiness scores and effort stay over every open finding: a
 * baselined gap is still a gap.
 */
import { CHECKLIST, type ChecklistItem, type ItemStatus } from '../engine/checklist';
import { EFFORT_HOURS, effortHours, formatEffort } from '../engine/effort';
import { localToday } from '../engine/project';
import type { Acceptance, Category, Finding, Phase, Rule, Tier } from '../engine/types';
import {
  CATEGORIES, CATEGORY_TITLES, INFORMATION_URI, PHASE_TITLES, PRODUCT_NAME, TOOL_VERSION,
  countByCategory, location1, oneLine, plural, range1, relativeUri, ruleDocUrl, statusText, type ReportInput,
} from './common';

export interface ReportOptions {
  /** Shown in the title; omitted when absent (keeps the output reproducible). */
  generatedAt?: Date;
  /**
   * Prepended to file links, which are relative to the audited folder: e.g. `../` when the report is written one
   * folder below it. '' (default): the report sits at the root of the audited folder.
   */
  linkBase?: string;
}

export interface Effort { hours: number; label: string }

/** One place a finding was reported. */
export interface Place {
  file: string;
  /** 1-based. */
  line: number;
  /** A finding about the project as a whole, anchored on the file that would hold the fix. */
  workspace: boolean;
  /** Relative link to the file (and line), from where the report sits. */
  href: string;
  /** The rule's message (secrets already masked), on one line. */
  message: string;
  fingerprint: string;
  tier: Tier;
  baselined: boolean;
  /** The team accepted it, but the revisit date passed: the finding is back at its tier. */
  revisitPassed?: Acceptance;
}

/** A rule's findings in one section: why it matters, where, how to fix it, and the effort to close them. */
export interface RuleGroup {
  ruleId: string;
  title: string;
  category: Category;
  categoryTitle: string;
  phase: Phase;
  phaseTitle: string;
  /** The checklist item the rule backs. */
  item?: { id: string; title: string };
  why: string;
  fix: string;
  docUrl: string;
  effort: Effort;
  places: Place[];
}

export interface Shortcut {
  ruleId: string;
  title: string;
  docUrl: string;
  place: Place;
  reason: string;
  by?: string;
  date?: string;
  revisit?: string;
  /** `ledger`: production-gap.json; `inline`: a comment next to the code; `config`: the rule's tier is set to accepted. */
  source: 'ledger' | 'inline' | 'config';
  /** The revisit date passed: the finding is back in the ship-stopping or technical-debt section. */
  expired: boolean;
}

export type AttestationStatus = 'valid' | 'expired' | 'contradicted' | 'not-applicable';

export interface AttestationRow {
  item: string;
  title: string;
  phase: Phase;
  evidence: string;
  by: string;
  date: string;
  expires?: string;
  /** `contradicted`: the item's rules still have open findings, so the code says otherwise. */
  status: AttestationStatus;
  open: number;
  /** The project file holding it (absent when the input carries only the checklist). */
  source?: string;
}

export interface UnknownItem { id: string; title: string; phase: Phase; phaseTitle: string; attestable: boolean; note?: string }

export interface PlanItem {
  id: string;
  title: string;
  status: ItemStatus;
  statusText: string;
  open: number;
  accepted: number;
  /** Failing on technical debt only (no ship-stopping finding). */
  debtOnly: boolean;
  effort: Effort;
  attestation?: { evidence: string; by: string; date: string; expires?: string };
}

export interface PlanPhase {
  phase: Phase;
  title: string;
  /** Percentage of applicable items that pass, are accepted or attested. */
  score: number;
  done: number;
  applicable: number;
  open: number;
  effort: Effort;
  items: PlanItem[];
}

export interface ProblemRow { file: string; line: number; column: number; href: string; severity: 'error' | 'warning'; code: string; message: string }

export interface ReportModel {
  title: string;
  name?: string;
  /** YYYY-MM-DD */
  date?: string;
  tool: { name: string; version: string; uri: string };
  files: number;
  rules: number;
  verdict: {
    status: 'not-ready' | 'debt' | 'ready';
    /** Shown in bold. */
    headline: string;
    /** Follows the headline directly (starts with punctuation or a space). */
    tail: string;
    /** Further sentences of the verdict paragraph. */
    details: string[];
  };
  /** Over the harden, infrastructure and documentation phases. */
  score: number;
  /** Hours to close every open finding (baselined ones included). */
  effort: Effort;
  /** Hours to close the ship-stopping findings the report considers (the new ones with a baseline). */
  shipStoppingEffort: Effort;
  /** The four phases in order. */
  phases: PlanPhase[];
  /** Tier counts of the findings the report considers (new ones when a baseline is used; accepted ones always). */
  counts: { byTier: Record<Tier, number>; byCategory: Record<Category, Record<Tier, number>>; baselinedByCategory?: Record<Category, number> };
  shipStopping: RuleGroup[];
  techDebt: RuleGroup[];
  /** Accepted shortcuts (expired ones first). */
  shortcuts: Shortcut[];
  attestations: AttestationRow[];
  /** Checklist items still unknown: a scan cannot see them and nobody attested them. */
  unknown: UnknownItem[];
  baseline?: { newCount: number; knownCount: number; groups: RuleGroup[] };
  problems: ProblemRow[];
}

export function buildReportModel(input: ReportInput, opts: ReportOptions = {}): ReportModel {
  const base = opts.linkBase ?? '';
  const today = input.today ?? localToday();
  const rules = new Map(input.rules.map((r) => [r.meta.id, r] as const));
  const order = new Map(input.rules.map((r, i) => [r.meta.id, i] as const));
  const isBaselined = (f: Finding) => f.tier !== 'accepted' && input.baselined?.has(f.fingerprint) === true;

  const place = (f: Finding): Place => {
    const line = location1(f).startLine;
    return {
      file: f.file, line, workspace: f.workspace === true, href: `${base}${relativeUri(f.file)}#L${line}`,
      message: oneLine(f.message), fingerprint: f.fingerprint, tier: f.tier, baselined: isBaselined(f),
      ...(f.acceptance?.expired ? { revisitPassed: f.acceptance } : {}),
    };
  };
  const groups = (fs: readonly Finding[]): RuleGroup[] => {
    const byRule = new Map<string, Finding[]>();
    for (const f of fs) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const cat = (id: string) => CATEGORIES.indexOf(byRule.get(id)![0].category);
    return [...byRule.keys()]
      .sort((a, b) => cat(a) - cat(b) || (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b))
      .map((id) => ruleGroup(id, rules.get(id), byRule.get(id)!, rules, place));
  };

  const open = input.findings.filter((f) => f.tier !== 'accepted');
  const fresh = open.filter((f) => !isBaselined(f));
  const known = open.filter(isBaselined);
  const accepted = input.findings.filter((f) => f.tier === 'accepted');
  const considered = [...fresh, ...accepted];
  const byTier: Record<Tier, number> = { 'ship-stopping': 0, 'tech-debt': 0, accepted: 0 };
  for (const f of considered) byTier[f.tier]++;

  const shortcuts: Shortcut[] = input.findings
    .filter((f) => f.tier === 'accepted' || f.acceptance?.expired)
    .map((f): Shortcut => {
      const a = f.acceptance;
      const r = rules.get(f.ruleId);
      return {
        ruleId: f.ruleId, title: r?.meta.title ?? f.ruleId, docUrl: ruleDocUrl(f.ruleId), place: place(f),
        reason: a ? oneLine(a.reason) : 'The rule is set to "accepted" in the configuration, for every finding.',
        ...(a?.by ? { by: a.by } : {}), ...(a?.date ? { date: a.date } : {}), ...(a?.revisit ? { revisit: a.revisit } : {}),
        source: a?.source ?? 'config', expired: a?.expired === true,
      };
    })
    .sort((a, b) => Number(b.expired) - Number(a.expired));

  const items = new Map(input.checklist.phases.flatMap((p) => p.items).map((i) => [i.id, i] as const));
  const attestations = attestationRows(input, items, today);
  const phases = input.checklist.phases.map((p): PlanPhase => {
    const applicable = p.items.filter((i) => i.status !== 'not-applicable');
    return {
      phase: p.phase, title: p.title, score: p.score ?? 0, open: p.open,
      done: applicable.filter((i) => i.status === 'pass' || i.status === 'accepted' || i.status === 'attested').length,
      applicable: applicable.length, effort: effort(p.effortHours ?? 0),
      items: p.items.map((i) => ({
        id: i.id, title: i.title, status: i.status, statusText: statusText(i), open: i.count,
        accepted: i.findings.filter((f) => f.tier === 'accepted').length, effort: effort(i.effortHours ?? 0),
        debtOnly: i.status === 'fail' && !i.findings.some((f) => f.tier === 'ship-stopping'),
        ...(i.attestation ? { attestation: { evidence: i.attestation.evidence, by: i.attestation.by, date: i.attestation.date, ...(i.attestation.expires ? { expires: i.attestation.expires } : {}) } } : {}),
      })),
    };
  });
  const unknown: UnknownItem[] = [...items.values()].filter((i) => i.status === 'unknown').map((i) => ({
    id: i.id, title: i.title, phase: i.phase, phaseTitle: PHASE_TITLES[i.phase], attestable: CHECKLIST.find((d) => d.id === i.id)?.attestable === true,
    ...(i.note ? { note: i.note } : {}),
  }));

  const model: ReportModel = {
    title: `Production readiness audit${input.name ? `: ${input.name}` : ''}`,
    ...(input.name ? { name: input.name } : {}),
    // The local date, as the revisit and expiry dates it is read against.
    ...(opts.generatedAt ? { date: localToday(opts.generatedAt) } : {}),
    tool: { name: PRODUCT_NAME, version: TOOL_VERSION, uri: INFORMATION_URI },
    files: input.fileCount,
    rules: input.rules.length,
    verdict: { status: 'ready', headline: '', tail: '', details: [] },
    score: input.checklist.score ?? 0,
    effort: effort(input.checklist.effortHours ?? 0),
    shipStoppingEffort: effort(effortHours(fresh.filter((f) => f.tier === 'ship-stopping'), rules)),
    phases,
    counts: { byTier, byCategory: countByCategory(considered) },
    shipStopping: groups(fresh.filter((f) => f.tier === 'ship-stopping')),
    techDebt: groups(fresh.filter((f) => f.tier === 'tech-debt')),
    shortcuts,
    attestations,
    unknown,
    problems: (input.configProblems ?? []).map((p) => {
      const l = range1(p.range);
      return { file: p.file, line: l.startLine, column: l.startColumn, href: `${base}${relativeUri(p.file)}#L${l.startLine}`, severity: p.severity, code: p.code, message: oneLine(p.message) };
    }),
  };
  if (input.baselined) {
    const baselinedByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, known.filter((f) => f.category === c).length])) as Record<Category, number>;
    model.counts.baselinedByCategory = baselinedByCategory;
    model.baseline = { newCount: fresh.length, knownCount: known.length, groups: groups(known) };
  }
  model.verdict = verdict(model, fresh);
  return model;
}

function effort(hours: number): Effort {
  return { hours, label: formatEffort(hours) };
}

function ruleGroup(id: string, rule: Rule | undefined, fs: Finding[], rules: ReadonlyMap<string, Rule>, place: (f: Finding) => Place): RuleGroup {
  const m = rule?.meta;
  const f0 = fs[0];
  const def = m ? CHECKLIST.find((d) => d.id === m.checklist) : undefined;
  return {
    ruleId: id,
    title: m?.title ?? id,
    category: f0.category,
    categoryTitle: CATEGORY_TITLES[f0.category],
    phase: f0.phase,
    phaseTitle: PHASE_TITLES[f0.phase],
    ...(def ? { item: { id: def.id, title: def.title } } : {}),
    why: oneLine(m?.docs.why ?? ''),
    fix: oneLine(m?.docs.fix ?? ''),
    docUrl: ruleDocUrl(id),
    effort: effort(rule ? effortHours(fs, rules) : EFFORT_HOURS.hour),
    places: fs.map(place),
  };
}

function attestationRows(input: ReportInput, items: ReadonlyMap<string, ChecklistItem>, today: string): AttestationRow[] {
  const title = (id: string) => CHECKLIST.find((d) => d.id === id)?.title ?? id;
  const phase = (id: string) => CHECKLIST.find((d) => d.id === id)?.phase ?? 'infrastructure';
  const status = (item: string, expires?: string): AttestationStatus => {
    const i = items.get(item);
    if (expires && expires < today) return 'expired';
    if (i?.status === 'not-applicable') return 'not-applicable';
    if (i?.status === 'fail') return 'contradicted';
    return 'valid';
  };
  const rows: AttestationRow[] = [];
  if (input.projects) {
    for (const p of input.projects) {
      for (const a of p.attestations) {
        rows.push({ item: a.item, title: title(a.item), phase: phase(a.item), evidence: oneLine(a.evidence), by: a.by, date: a.date, ...(a.expires ? { expires: a.expires } : {}), status: status(a.item, a.expires), open: items.get(a.item)?.count ?? 0, source: a.source });
      }
    }
  } else {
    for (const i of items.values()) {
      const a = i.attestation;
      if (a) rows.push({ item: i.id, title: i.title, phase: i.phase, evidence: oneLine(a.evidence), by: a.by, date: a.date, ...(a.expires ? { expires: a.expires } : {}), status: status(i.id, a.expires), open: i.count, source: a.source });
    }
  }
  const at = (id: string) => CHECKLIST.findIndex((d) => d.id === id);
  return rows.sort((a, b) => at(a.item) - at(b.item) || b.date.localeCompare(a.date));
}

function verdict(m: ReportModel, fresh: readonly Finding[]): ReportModel['verdict'] {
  const ship = m.counts.byTier['ship-stopping'];
  const debt = m.counts.byTier['tech-debt'];
  const isNew = m.baseline ? 'new ' : '';
  let status: ReportModel['verdict']['status'];
  let headline: string;
  let tail: string;
  if (ship) {
    status = 'not-ready';
    headline = `Not ready to grow yet: ${plural(ship, `${isNew}ship-stopping issue`)} to fix first`;
    tail = debt ? `, then ${plural(debt, 'item')} of ${isNew ? 'new ' : ''}technical debt to plan within 30 days.` : '.';
  } else if (debt) {
    status = 'debt';
    headline = m.baseline ? 'No new ship-stopping issues since the baseline.' : 'No ship-stopping issues found.';
    tail = ` ${plural(debt, 'item')} of ${isNew}technical debt to plan within 30 days.`;
  } else {
    status = 'ready';
    headline = m.baseline ? 'No new ship-stopping issues or technical debt since the baseline.' : 'No ship-stopping issues or technical debt found.';
    tail = '';
  }
  const details: string[] = [];
  const stopping = fresh.filter((f) => f.tier === 'ship-stopping');
  if (stopping.length) {
    const areas = CATEGORIES.map((c) => [c, stopping.filter((f) => f.category === c).length] as const).filter(([, n]) => n).map(([c, n]) => `${CATEGORY_TITLES[c].toLowerCase()} (${n})`);
    details.push(`The ship-stopping issues concern ${list(areas)}: each can leak or corrupt data, or fail without anyone noticing; fixing them is ${m.shipStoppingEffort.label} of work.`);
  }
  const work = m.phases.filter((p) => p.phase !== 'audit');
  const done = work.reduce((n, p) => n + p.done, 0);
  const applicable = work.reduce((n, p) => n + p.applicable, 0);
  details.push(`Readiness is ${m.score}%: ${done} of ${plural(applicable, 'applicable checklist item')} pass, are accepted or are attested.`);
  if (m.effort.hours > 0) {
    const per = work.filter((p) => p.effort.hours > 0).map((p) => `${p.title} ${p.effort.label}`);
    details.push(`Closing everything still open${m.baseline?.knownCount ? ', baselined findings included,' : ''} is ${m.effort.label} of work for one developer${per.length > 1 ? ` (${per.join(', ')})` : ''}.`);
  }
  const current = m.shortcuts.filter((s) => !s.expired).length;
  const expired = m.shortcuts.length - current;
  if (m.shortcuts.length) {
    details.push(`The team has accepted ${plural(current, 'shortcut')}${expired ? `; ${plural(expired, 'more is', 'more are')} past the revisit date and counted as findings again` : ''}.`);
  }
  const unknown = m.unknown.filter((u) => u.attestable);
  if (unknown.length) details.push(`${unknown.length === 1 ? 'One item' : `${unknown.length} items`} a scan cannot see (${list(unknown.map((u) => u.title.toLowerCase()))}) ${unknown.length === 1 ? 'is' : 'are'} unknown until the team attests ${unknown.length === 1 ? 'it' : 'them'}.`);
  if (m.baseline?.knownCount) details.push(`${plural(m.baseline.knownCount, 'finding')} known from the baseline ${m.baseline.knownCount === 1 ? 'is' : 'are'} listed separately.`);
  return { status, headline, tail, details };
}

function list(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
