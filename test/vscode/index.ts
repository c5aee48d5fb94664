/**
 * Entry point VS Code loads as `extensionTestsPath` (dist/test/vscode/index.js): runs the mocha suites in the
 * real extension host, with the real `vscode` API. Used by code-server (test/e2e) and @vscode/test-electron (runTest.ts).
 * Besides the spec reporter on the host's console, it writes a plain report to results.txt next to this file,
 * because a remote extension host's console is not always visible to the runner.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: 'spec' });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  const report: string[] = [];
  const notes: string[] = [];
  (globalThis as Record<string, unknown>).__productionGapNotes = notes;
  const failures: string[] = [];
  const resultsFile = path.join(__dirname, 'results.txt');
  const t0 = Date.now();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => report.push(`  ✓ ${t.fullTitle()} (${t.duration ?? 0} ms)`));
    runner.on('pending', (t) => report.push(`  - ${t.fullTitle()} (skipped)`));
    runner.on('fail', (t, err: Error) => {
      report.push(`  ✗ ${t.fullTitle()}\n      ${String(err.stack ?? err.message).split('\n').slice(0, 30).join('\n      ')}`);
      failures.push(`${t.fullTitle()}: ${err.message}`);
    });
  });
  const passing = report.filter((l) => l.startsWith('  ✓')).length;
  for (const n of notes) report.push(`  note: ${n}`);
  report.push(`${passing} passing, ${failures.length} failing (${Date.now() - t0} ms)`);
  fs.writeFileSync(resultsFile, report.join('\n') + '\n');
  if (failures.length) throw new Error(`${failures.length} test(s) failed:\n${failures.join('\n')}`);
}
