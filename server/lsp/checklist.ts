/** One checklist across workspace folders: the same items, each with the findings of every folder. */
import { CHECKLIST, readinessScore, type Checklist, type ItemStatus } from '../engine/checklist';
import { formatEffort } from '../engine/effort';
import { canAcceptInline } from '../engine/triageEdits';
import { TIERS, type Finding, type Tier } from '../engine/types';
import type { ChecklistFindingDto, ChecklistItemDto, ChecklistParams, ChecklistPhaseDto } from './protocol';

export interface FolderChecklist {
  folderUri: string;
  checklist: Checklist;
  uriOf(file: string): string;
}

/** Worst first: a failing folder makes the item fail; one the scan cannot see keeps it unknown. */
const STATUS_ORDER: readonly ItemStatus[] = ['fail', 'unknown', 'accepted', 'attested', 'pass', 'not-applicable'];

function mergeStatus(a: ItemStatus, b: ItemStatus): ItemStatus {
  return STATUS_ORDER.indexOf(a) <= STATUS_ORDER.indexOf(b) ? a : b;
}

/** Items a person can attest: every item outside the Audit phase (the engine accepts attestations of those). */
const ATTESTABLE = new Set(CHECKLIST.filter((d) => d.phase !== 'audit').map((d) => d.id));

function toDto(f: Finding, uriOf: (file: string) => string): ChecklistFindingDto {
  const dto: ChecklistFindingDto = { ruleId: f.ruleId, message: f.message, tier: f.tier, uri: uriOf(f.file), range: f.range, fingerprint: f.fingerprint, hasFix: f.fixes.length > 0 };
  if (f.acceptance) dto.acceptance = f.acceptance;
  if (f.tier !== 'accepted' && canAcceptInline(f)) dto.inlineAccept = true;
  return dto;
}

export function mergeChecklists(folders: readonly FolderChecklist[]): ChecklistParams {
  const totals = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  const phases: ChecklistPhaseDto[] = [];
  const byItem = new Map<string, ChecklistItemDto>();
  const hours = new Map<string, number>();
  for (const folder of folders) {
    for (const t of TIERS) totals[t] += folder.checklist.totals[t];
    for (const phase of folder.checklist.phases) {
      let p = phases.find((x) => x.phase === phase.phase);
      if (!p) phases.push((p = { phase: phase.phase, title: phase.title, open: 0, items: [], score: 100, effort: '', effortHours: 0 }));
      p.effortHours += phase.effortHours ?? 0;
      for (const item of phase.items) {
        const findings = item.findings.map((f) => toDto(f, folder.uriOf));
        const known = byItem.get(item.id);
        const attestation = item.attestation && { evidence: item.attestation.evidence, by: item.attestation.by, date: item.attestation.date, expires: item.attestation.expires, uri: folder.uriOf(item.attestation.source) };
        if (!known) {
          const dto: ChecklistItemDto = { id: item.id, title: item.title, status: item.status, count: item.count, findings };
          hours.set(item.id, item.effortHours ?? 0);
          if (ATTESTABLE.has(item.id)) dto.attestable = true;
          if (item.note) dto.note = item.note;
          if (attestation) dto.attestation = attestation;
          byItem.set(item.id, dto);
          p.items.push(dto);
        } else {
          known.status = mergeStatus(known.status, item.status);
          known.count += item.count;
          hours.set(item.id, (hours.get(item.id) ?? 0) + (item.effortHours ?? 0));
          known.findings.push(...findings);
          if (!known.attestation && attestation) known.attestation = attestation;
        }
      }
    }
  }
  const work = phases.filter((p) => p.phase !== 'audit');
  const totalHours = work.reduce((n, p) => n + p.effortHours, 0);
  const totalScore = readinessScore(work.flatMap((p) => p.items));
  for (const p of phases) {
    p.open = p.phase === 'audit' ? totals['ship-stopping'] + totals['tech-debt'] : p.items.reduce((n, i) => n + i.count, 0);
    if (p.phase === 'audit') { p.effortHours = totalHours; p.score = totalScore; } else p.score = readinessScore(p.items);
    p.effort = formatEffort(p.effortHours);
    for (const i of p.items) { const h = hours.get(i.id) ?? 0; if (h > 0 && i.count > 0) i.effort = formatEffort(h); }
  }
  return { folders: folders.map((f) => f.folderUri), phases, totals, score: totalScore, effort: formatEffort(totalHours) };
}
