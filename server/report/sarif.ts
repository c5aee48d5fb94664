/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 * Locations are relative to the scanned root (uriBaseId %SRCROOT%); results carry the engine's fingerprint.
 */
import type { Finding, Rule, Tier } from '../engine/types';
import { CATEGORY_TITLES, INFORMATION_URI, PHASE_TITLES, PRODUCT_NAME, TOOL_VERSION, location1, oneLine, relativeUri, ruleDocUrl, type ReportInput } from './common';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'productionGap/v1';

export interface SarifOptions {
  /** `file:` URI of the scanned root (ending in '/'), recorded in originalUriBaseIds. */
  srcRootUri?: string;
}

type Level = 'error' | 'warning' | 'note';
export const LEVELS: Record<Tier, Level> = { 'ship-stopping': 'error', 'tech-debt': 'warning', accepted: 'note' };
/** GitHub's severity for rules tagged `security` (it shows high/medium/low from this number). */
const SECURITY_SEVERITY: Record<Tier, string> = { 'ship-stopping': '8.0', 'tech-debt': '5.0', accepted: '2.0' };

export function toSarif(input: ReportInput, opts: SarifOptions = {}): object {
  const index = new Map(input.rules.map((r, i) => [r.meta.id, i]));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: PRODUCT_NAME,
        version: TOOL_VERSION,
        semanticVersion: TOOL_VERSION,
        informationUri: INFORMATION_URI,
        rules: input.rules.map(sarifRule),
      },
    },
  };
  if (opts.srcRootUri) run.originalUriBaseIds = { [SRCROOT]: { uri: opts.srcRootUri.endsWith('/') ? opts.srcRootUri : `${opts.srcRootUri}/` } };
  run.columnKind = 'utf16CodeUnits';
  run.results = input.findings.map((f) => {
    const r = sarifResult(f, index.get(f.ruleId)) as Record<string, unknown>;
    return input.baselined ? { ...r, baselineState: input.baselined.has(f.fingerprint) ? 'unchanged' : 'new' } : r;
  });
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function formatSarif(input: ReportInput, opts: SarifOptions = {}): string {
  return JSON.stringify(toSarif(input, opts), null, 2) + '\n';
}

function sarifRule(rule: Rule): object {
  const m = rule.meta;
  const helpUri = ruleDocUrl(m.id);
  const security = m.category === 'security' || m.category === 'auth';
  const tags = [...new Set([security ? 'security' : 'reliability', m.category, m.phase, m.tier])];
  const examples = (label: string, files: Record<string, string>) =>
    Object.entries(files).map(([path, text]) => `${label} (\`${path}\`):\n\n${codeBlock(path, text)}`).join('\n\n');
  const markdown = [
    `**Why it matters.** ${m.docs.why}`,
    ...(m.docs.checks ? [`**What it checks.** ${m.docs.checks}`] : []),
    `**How to fix.** ${m.docs.fix}`,
    examples('Gap', m.docs.bad.files),
    examples('Fixed', m.docs.good.files),
    `Area: ${CATEGORY_TITLES[m.category]} · Checklist phase: ${PHASE_TITLES[m.phase]} · [Documentation](${helpUri})`,
  ].join('\n\n');
  return {
    id: m.id,
    name: pascalName(m.id),
    shortDescription: { text: m.title },
    fullDescription: { text: oneLine(m.docs.why) },
    help: { text: `Why it matters: ${oneLine(m.docs.why)}\nHow to fix: ${oneLine(m.docs.fix)}\nDocumentation: ${helpUri}`, markdown },
    helpUri,
    defaultConfiguration: { level: LEVELS[m.tier] },
    properties: {
      category: m.category,
      phase: m.phase,
      tier: m.tier,
      tags,
      ...(security ? { 'security-severity': SECURITY_SEVERITY[m.tier] } : {}),
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number | undefined): object {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVELS[f.tier],
    message: { text: oneLine(f.message) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: relativeUri(f.file), uriBaseId: SRCROOT },
        region: location1(f),
      },
    }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { tier: f.tier, category: f.category, phase: f.phase, ...(f.workspace ? { workspace: true } : {}) },
  };
}

export { relativeUri };

/** `auth/jwt-no-expiry` -> `JwtNoExpiry` (SARIF's rule name: an identifier, not a sentence). */
export function pascalName(id: string): string {
  return (id.split('/').pop() ?? id).split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A fenced code block longer than any backtick run inside it. */
function codeBlock(path: string, text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language(path)}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function language(path: string): string {
  const ext = path.split('.').pop() ?? '';
  const byExt: Record<string, string> = { ts: 'ts', tsx: 'tsx', js: 'js', mjs: 'js', cjs: 'js', jsx: 'jsx', json: 'json', yml: 'yaml', yaml: 'yaml', prisma: 'prisma', sql: 'sql', md: 'markdown' };
  if (/(^|\/)Dockerfile[^/]*$/.test(path)) return 'dockerfile';
  return byExt[ext] ?? '';
}
