/**
 * Per-file data a rule keeps for its own workspace pass (FileFacts.ruleData): a rule that needs cross-file
 * knowledge (an app-wide middleware, the package's frameworks) records candidates while the file is walked,
 * and decides in `checkWorkspace` from cached facts only. The data must be plain JSON (it is cached with the file).
 */
import type { FileFacts } from './facts/fileFacts';

/** The data `ruleId` stored for this file, if any. */
export function getRuleData<T>(facts: FileFacts | undefined, ruleId: string): T | undefined {
  return facts?.ruleData?.[ruleId] as T | undefined;
}

/** The data `ruleId` stores for this file, created empty on first use. */
export function ruleDataOf<T extends object>(facts: FileFacts, ruleId: string, init: () => T): T {
  const all = (facts.ruleData ??= {});
  return (all[ruleId] ??= init()) as T;
}
