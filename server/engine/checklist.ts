/** The readiness checklist: four phases of items, each backed by rules, with a status derived from the findings. */
import type { Finding, Phase, Rule, Tier } from './types';
import type { WorkspaceFacts } from './facts/workspaceFacts';
import type { Attestation } from './project';
import { effortHours } from './effort';

export type ItemStatus = 'pass' | 'fail' | 'accepted' | 'attested' | 'unknown' | 'not-applicable';

export interface ChecklistItemDef {
  id: string;
  phase: Phase;
  title: string;
  /** A scan cannot fully see it: without backing findings it is 'unknown' until attested. */
  attestable?: boolean;
  /** Not applicable when this returns false (e.g. no database in the workspace). */
  applies?(facts: WorkspaceFacts): boolean;
  /** Why the scan could not judge it here, when it could not (then 'unknown' rather than 'pass' when nothing is open). */
  unseen?(facts: WorkspaceFacts): string | undefined;
}

export interface ChecklistItem {
  id: string;
  phase: Phase;
  title: string;
  status: ItemStatus;
  /** Open (not accepted) findings under this item. */
  count: number;
  rules: string[];
  findings: Finding[];
  /**
   * The team's attestation (production-gap.json). It makes an item the scan cannot see 'attested'; on an item whose
   * rules still have open findings the status stays 'fail' (the code contradicts it) and the attestation is only shown.
   */
  attestation?: { evidence: string; by: string; date: string; expires?: string; source: string };
  /** Estimated hours to close the open findings (engine/effort.ts). */
  effortHours?: number;
  /** Why an 'unknown' item could not be judged by the scan (ChecklistItemDef.unseen). */
  note?: string;
}

export interface ChecklistPhase {
  phase: Phase; title: string; items: ChecklistItem[]; open: number;
  /** Hours to close the phase's open findings (0 for the audit phase, which only summarises the others). Always set by buildChecklist. */
  effortHours?: number;
  /** Percentage of applicable items passing, accepted or attested. Always set by buildChecklist. */
  score?: number;
}
export interface Checklist {
  phases: ChecklistPhase[]; totals: Record<Tier, number>;
  /** Over the harden, infrastructure and documentation phases. Always set by buildChecklist. */
  effortHours?: number;
  score?: number;
}

export interface ChecklistOptions {
  attestations?: readonly Attestation[];
  /** What the scan saw of an attestable item's mechanism, by item id (a rollback platform): it passes with this note when no finding is open. */
  evidence?: ReadonlyMap<string, string>;
}

const DONE: ReadonlySet<ItemStatus> = new Set(['pass', 'accepted', 'attested']);
/** Readiness: the percentage of applicable items that pass, are accepted or are attested. */
export function readinessScore(items: readonly Pick<ChecklistItem, 'status'>[]): number {
  const applicable = items.filter((i) => i.status !== 'not-applicable');
  return applicable.length ? Math.round((100 * applicable.filter((i) => DONE.has(i.status)).length) / applicable.length) : 100;
}

/**
 * What the scan could not see of the routes, for an item judged on them (`check`: 'check who is calling'): every route
 * depends on what it cannot read (an auth middleware of unknown reach, an unresolved handler...), or a server app
 * (Express, Fastify, Koa, NestJS, Hono) has no route it could read at all. No finding is then no proof.
 */
function routesUnseen(check: string): (f: WorkspaceFacts) => string | undefined {
  return (f) => {
    const routes = f.routes;
    if (!routes.length) {
      const servers = f.packages.filter((p) => [...p.frameworks].some((fw) => fw !== 'nextjs'));
      if (!servers.length) return undefined;
      const where = servers.length === 1 ? (servers[0].dir ? ` in ${servers[0].dir}` : '') : ` in ${servers.length} server packages`;
      return `the scan read no HTTP route${where} (they are registered in a way it cannot follow): whether the routes ${check} is not known`;
    }
    if (routes.some((r) => !r.opaque)) return undefined;
    return `whether the app's ${routes.length === 1 ? 'route' : `${routes.length} routes`} ${routes.length === 1 ? singular(check) : check} depends on code the scan cannot follow`;
  };
}
/** 'check who is calling' -> 'checks who is calling', 'are rate limited' -> 'is rate limited'. */
function singular(verbPhrase: string): string {
  const [verb, ...rest] = verbPhrase.split(' ');
  return [verb === 'are' ? 'is' : `${verb}s`, ...rest].join(' ');
}

const hasData = (f: WorkspaceFacts) => f.packages.some((p) => p.dataLayers.size > 0);
/** A database in use, but no file that defines its schema (no Prisma schema, SQL, entity or migration code): no finding is no proof. */
const schemaUnseen = (f: WorkspaceFacts): string | undefined =>
  f.schemaFiles > 0 || !f.packages.some((p) => [...p.dataLayers].some((d) => d !== 'firebase')) ? undefined
    : 'the app uses a database, but the scan read no schema (no schema.prisma, SQL migrations, entities or models): whether it is production-safe is not known';
const hasServer = (f: WorkspaceFacts) => f.packages.some((p) => p.frameworks.size > 0 || p.serverEntries.length > 0);

export const CHECKLIST: readonly ChecklistItemDef[] = [
  { id: 'audit.ship-stopping', phase: 'audit', title: 'Ship-stopping issues' },
  { id: 'audit.tech-debt', phase: 'audit', title: 'Technical debt (fix within 30 days)' },
  { id: 'audit.accepted', phase: 'audit', title: 'Acceptable shortcuts' },
  { id: 'harden.auth', phase: 'harden', title: 'Auth validated', unseen: routesUnseen('check who is calling') },
  { id: 'harden.schema', phase: 'harden', title: 'Production-safe schema', applies: hasData, unseen: schemaUnseen },
  { id: 'harden.error-tracking', phase: 'harden', title: 'Error tracking set up', applies: hasServer },
  { id: 'harden.secrets', phase: 'harden', title: 'Secrets in environment variables' },
  { id: 'harden.rate-limiting', phase: 'harden', title: 'Rate limiting', applies: hasServer, unseen: routesUnseen('are rate limited') },
  { id: 'harden.validation', phase: 'harden', title: 'Input validation and injection', unseen: routesUnseen('validate their input') },
  { id: 'harden.cors-headers', phase: 'harden', title: 'CORS and security headers', applies: hasServer },
  { id: 'infra.staging', phase: 'infrastructure', title: 'Staging environment', attestable: true },
  { id: 'infra.ci', phase: 'infrastructure', title: 'CI/CD pipeline with tests' },
  { id: 'infra.backups', phase: 'infrastructure', title: 'Database backups', attestable: true, applies: hasData },
  { id: 'infra.monitoring', phase: 'infrastructure', title: 'Monitoring (health checks, logging, alerts)', attestable: true, applies: hasServer },
  { id: 'infra.container', phase: 'infrastructure', title: 'Container and deploy hygiene' },
  { id: 'infra.rollback', phase: 'infrastructure', title: 'Rollback path', attestable: true },
  { id: 'docs.readme', phase: 'documentation', title: 'README with setup, architecture and deployment' },
  { id: 'docs.api', phase: 'documentation', title: 'API documentation', applies: hasServer },
  { id: 'docs.runbook', phase: 'documentation', title: 'Runbook' },
  { id: 'docs.env', phase: 'documentation', title: 'Environment variables documented' },
];

export const PHASE_TITLES: Record<Phase, string> = { audit: 'Audit', harden: 'Harden', infrastructure: 'Infrastructure', documentation: 'Documentation' };

/** Builds the checklist from the active rules and the findings (after tier overrides). */
export function buildChecklist(rules: readonly Rule[], findings: readonly Finding[], facts: WorkspaceFacts, opts: ChecklistOptions = {}): Checklist {
  const totals: Record<Tier, number> = { 'ship-stopping': 0, 'tech-debt': 0, accepted: 0 };
  for (const f of findings) totals[f.tier]++;
  const items: ChecklistItem[] = CHECKLIST.map((def) => {
    if (def.phase === 'audit') {
      const tier = def.id.slice('audit.'.length) as Tier;
      const fs = findings.filter((f) => f.tier === tier);
      const status: ItemStatus = tier === 'accepted' ? (fs.length ? 'accepted' : 'pass') : fs.length ? 'fail' : 'pass';
      return { id: def.id, phase: def.phase, title: def.title, status, count: tier === 'accepted' ? 0 : fs.length, rules: [], findings: fs, effortHours: 0 };
    }
    const ruleIds = rules.filter((r) => r.meta.checklist === def.id).map((r) => r.meta.id);
    const fs = findings.filter((f) => ruleIds.includes(f.ruleId));
    const open = fs.filter((f) => f.tier !== 'accepted');
    let status: ItemStatus;
    let note: string | undefined;
    if (def.applies && !def.applies(facts)) status = 'not-applicable';
    else if (open.length) status = 'fail';
    else if (fs.length) status = 'accepted';
    else if (def.attestable && (note = opts.evidence?.get(def.id))) status = 'pass';
    else if (def.attestable || ruleIds.length === 0) status = 'unknown';
    else if ((note = def.unseen?.(facts))) status = 'unknown';
    else status = 'pass';
    const att = opts.attestations?.filter((a) => a.item === def.id).sort((a, b) => b.date.localeCompare(a.date))[0];
    if (att && status === 'unknown') status = 'attested';
    const item: ChecklistItem = { id: def.id, phase: def.phase, title: def.title, status, count: status === 'not-applicable' ? 0 : open.length, rules: ruleIds, findings: status === 'not-applicable' ? [] : fs, effortHours: status === 'not-applicable' ? 0 : effortHours(open, rules) };
    if (att && status !== 'not-applicable') item.attestation = { evidence: att.evidence, by: att.by, date: att.date, expires: att.expires, source: att.source };
    if (note && (status === 'unknown' || status === 'pass')) item.note = note;
    return item;
  });
  const phases = (['audit', 'harden', 'infrastructure', 'documentation'] as Phase[]).map((phase) => {
    const its = items.filter((i) => i.phase === phase);
    return {
      phase, title: PHASE_TITLES[phase], items: its, open: phase === 'audit' ? totals['ship-stopping'] + totals['tech-debt'] : its.reduce((n, i) => n + i.count, 0),
      effortHours: its.reduce((n, i) => n + (i.effortHours ?? 0), 0), score: readinessScore(its),
    };
  });
  const work = phases.filter((p) => p.phase !== 'audit');
  return { phases, totals, effortHours: work.reduce((n, p) => n + (p.effortHours ?? 0), 0), score: readinessScore(work.flatMap((p) => p.items)) };
}
