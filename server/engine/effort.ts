/**
 * Effort estimates for the plan. Each rule declares a typical effort to close one gap; a rule firing in several
 * places costs its base effort plus a quarter of it per further occurrence (the fix is the same pattern), capped at
 * three times the base. A working day is 8 hours; a week is 5 days.
 */
import type { Effort, Finding, Rule } from './types';

export const EFFORT_HOURS: Record<Effort, number> = { minutes: 0.5, hour: 2, day: 8, days: 24 };
export const EFFORT_LABELS: Record<Effort, string> = { minutes: 'minutes', hour: 'about an hour', day: 'about a day', days: 'several days' };

/** Hours to close the open (not accepted) findings, per rule as described above. */
export function effortHours(findings: readonly Finding[], rules: readonly Rule[] | ReadonlyMap<string, Rule>): number {
  const byId: ReadonlyMap<string, Rule> = rules instanceof Map ? rules : new Map((rules as readonly Rule[]).map((r) => [r.meta.id, r] as const));
  const counts = new Map<string, number>();
  for (const f of findings) if (f.tier !== 'accepted') counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  let hours = 0;
  for (const [id, n] of counts) {
    const base = EFFORT_HOURS[byId.get(id)?.meta.effort ?? 'hour'];
    hours += Math.min(base * (1 + 0.25 * (n - 1)), base * 3);
  }
  return hours;
}

/** `none`, `under an hour`, `about 3 hours`, `about 2 days`, `about 3 weeks`. */
export function formatEffort(hours: number): string {
  if (hours <= 0) return 'none';
  if (hours < 1) return 'under an hour';
  if (hours < 7) { const h = Math.round(hours); return `about ${h} hour${h === 1 ? '' : 's'}`; }
  const days = hours / 8;
  if (days < 10) { const d = Math.max(1, Math.round(days * 2) / 2); return `about ${d} day${d === 1 ? '' : 's'}`; }
  const weeks = Math.round((days / 5) * 2) / 2;
  return `about ${weeks} weeks`;
}
