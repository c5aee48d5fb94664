/** The Markdown audit report of the workspace: one section per analysed folder, in the CLI's format. */
import { formatMarkdown } from '../report/markdown';
import type { AnalysisResult } from '../engine/workspace';
import type { Rule } from '../engine/types';

export interface FolderReport { name: string; result: AnalysisResult; rules: readonly Rule[] }

export function auditMarkdown(folders: readonly FolderReport[]): string {
  if (!folders.length) return '# Production readiness audit\n\nNo workspace folder is analysed (none open, or Production Gap is disabled for them).\n';
  return folders
    .map((f) => formatMarkdown({
      findings: f.result.findings, checklist: f.result.checklist, fileCount: f.result.fileCount, rules: f.rules, name: f.name,
      configProblems: f.result.configProblems, projects: f.result.projects,
    }, { generatedAt: new Date() }))
    .join('\n---\n\n');
}
