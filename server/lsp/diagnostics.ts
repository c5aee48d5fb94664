/** Findings and problems in the team's controls as LSP diagnostics, grouped per file, with a cheap signature to publish only what changed. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { ConfigProblem } from '../engine/project';
import type { Finding, Tier } from '../engine/types';
import { PRODUCT_NAME, TRIAGE_DOC_URL, ruleDocUrl, type DiagnosticData } from './protocol';

export const SEVERITY: Record<Tier, DiagnosticSeverity> = {
  'ship-stopping': DiagnosticSeverity.Error,
  'tech-debt': DiagnosticSeverity.Warning,
  accepted: DiagnosticSeverity.Hint,
};

/** The diagnostics of one file: its findings (of the tiers shown) and the problems of the team's controls in it. */
export interface FileDiagnostics { findings: Finding[]; problems: ConfigProblem[] }

/** The message of an accepted finding says why the team accepted it, who, when and until when. */
export function acceptedMessage(f: Finding): string {
  const a = f.acceptance;
  if (f.tier !== 'accepted' || !a) return f.message;
  const who = [a.by && `by ${a.by}`, a.date && `on ${a.date}`].filter(Boolean).join(' ');
  const details = [who, a.revisit && `revisit ${a.revisit}`, a.source === 'inline' && 'comment in this file'].filter(Boolean).join(', ');
  return `${f.message} Accepted shortcut: ${a.reason}${details ? ` (${details})` : ''}.`;
}

export function toDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { fingerprint: f.fingerprint };
  return {
    range: f.range,
    severity: SEVERITY[f.tier],
    source: PRODUCT_NAME,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    message: acceptedMessage(f),
    data,
  };
}

/** Code of a problem's diagnostic, e.g. `triage/stale`. */
export const problemCode = (p: ConfigProblem) => `triage/${p.code}`;

export function problemToDiagnostic(p: ConfigProblem): Diagnostic {
  const data: DiagnosticData = { problem: p.code };
  const d: Diagnostic = {
    range: p.range,
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: PRODUCT_NAME,
    code: problemCode(p),
    codeDescription: { href: TRIAGE_DOC_URL },
    message: p.message,
    data,
  };
  if (p.code === 'stale') d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function toDiagnostics(d: FileDiagnostics): Diagnostic[] {
  return [...d.findings.map(toDiagnostic), ...d.problems.map(problemToDiagnostic)];
}

/** Findings per file (engine path), keeping only the tiers shown as diagnostics. */
export function findingsByFile(findings: readonly Finding[], tiers: readonly Tier[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const shown = new Set(tiers);
  for (const f of findings) {
    if (!shown.has(f.tier)) continue;
    let list = out.get(f.file);
    if (!list) out.set(f.file, (list = []));
    list.push(f);
  }
  return out;
}

/** Findings of the tiers shown and problems, per file (engine path): what each file's diagnostics show. */
export function diagnosticsByFile(findings: readonly Finding[], problems: readonly ConfigProblem[], tiers: readonly Tier[]): Map<string, FileDiagnostics> {
  const out = new Map<string, FileDiagnostics>();
  for (const [file, fs] of findingsByFile(findings, tiers)) out.set(file, { findings: fs, problems: [] });
  for (const p of problems) {
    let d = out.get(p.file);
    if (!d) out.set(p.file, (d = { findings: [], problems: [] }));
    d.problems.push(p);
  }
  return out;
}

/** Identifies what a file's diagnostics would show: equal signatures need no new publish. */
export function signature(findings: readonly Finding[], problems: readonly ConfigProblem[] = []): string {
  let s = '';
  for (const f of findings) {
    const r = f.range;
    const a = f.acceptance;
    s += `${f.ruleId}|${f.tier}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${f.fingerprint}|${f.message}${a ? `|${a.reason}|${a.by}|${a.date}|${a.revisit}|${a.source}` : ''}\n`;
  }
  for (const p of problems) {
    const r = p.range;
    s += `!${p.code}|${p.severity}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${p.message}\n`;
  }
  return s;
}

/** True when a diagnostic was published by this server. */
export function isOurs(d: Diagnostic): boolean { return d.source === PRODUCT_NAME && typeof d.code === 'string'; }

/** True for the diagnostic of a problem in the team's controls (not a finding). */
export function isProblem(d: Diagnostic): boolean {
  const data = d.data as { problem?: unknown } | undefined;
  return !!data && typeof data.problem === 'string';
}

export function fingerprintOf(d: Diagnostic): string | undefined {
  const data = d.data as { fingerprint?: unknown } | undefined;
  return data && typeof data.fingerprint === 'string' ? data.fingerprint : undefined;
}
