/** Baselines: today's findings recorded by fingerprint, so a gate can fail only on new findings. */
import * as fs from 'node:fs';
import type { Finding } from '../engine/types';

export interface BaselineFile { version: 1; tool: 'production-gap'; findings: Array<{ ruleId: string; file: string; fingerprint: string }> }

export function toBaseline(findings: readonly Finding[]): BaselineFile {
  return { version: 1, tool: 'production-gap', findings: findings.map((f) => ({ ruleId: f.ruleId, file: f.file, fingerprint: f.fingerprint })) };
}

/** The fingerprints of a baseline file; throws an Error with a readable message when the file is not one. */
export function readBaseline(path: string): Set<string> {
  const data = JSON.parse(fs.readFileSync(path, 'utf8')) as Partial<BaselineFile>;
  if (!data || !Array.isArray(data.findings)) throw new Error('not a production-gap baseline (no "findings" list)');
  return new Set(data.findings.map((f) => f.fingerprint).filter((x): x is string => typeof x === 'string'));
}
