/** Calendar dates written YYYY-MM-DD (revisit and expiry dates of the team's triage). No dependencies: the VS Code client uses it too. */

/** True for a valid calendar date written YYYY-MM-DD. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's local date as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Checks a date a person typed: empty is fine; else YYYY-MM-DD and not before today. Undefined when fine, else the problem. */
export function dateProblem(value: string | undefined, today: string, what: string): string | undefined {
  if (!value) return undefined;
  if (!isIsoDate(value)) return `The ${what} must be a date written YYYY-MM-DD (e.g. ${today}).`;
  if (value < today) return `The ${what} ${value} is in the past.`;
  return undefined;
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
