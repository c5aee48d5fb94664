/** Findings as LSP diagnostics, grouped per file, with a cheap signature to publish only what changed. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Tier } from '../engine/types';
import { PRODUCT_NAME, ruleDocUrl, type DiagnosticData } from './protocol';

export const SEVERITY: Record<Tier, DiagnosticSeverity> = {
  'ship-stopping': DiagnosticSeverity.Error,
  'tech-debt': DiagnosticSeverity.Warning,
  accepted: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { fingerprint: f.fingerprint };
  return {
    range: f.range,
    severity: SEVERITY[f.tier],
    source: PRODUCT_NAME,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    message: f.message,
    data,
  };
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

/** Identifies what a file's diagnostics would show: equal signatures need no new publish. */
export function signature(findings: readonly Finding[]): string {
  let s = '';
  for (const f of findings) {
    const r = f.range;
    s += `${f.ruleId}|${f.tier}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${f.fingerprint}|${f.message}\n`;
  }
  return s;
}

/** True when a diagnostic was published by this server. */
export function isOurs(d: Diagnostic): boolean { return d.source === PRODUCT_NAME && typeof d.code === 'string'; }

export function fingerprintOf(d: Diagnostic): string | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return data && typeof data.fingerprint === 'string' ? data.fingerprint : undefined;
}
