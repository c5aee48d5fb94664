/**
 * Desktop runner (`npm run test:vscode`): the same extension-host suite in VS Code desktop through
 * @vscode/test-electron, which downloads VS Code (or uses VSCODE_EXECUTABLE_PATH). Machines without access to
 * update.code.visualstudio.com use the code-server runner instead (test/e2e/run.mjs).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace, writeContext } from './prepare';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const ctx = prepareWorkspace();
  writeContext(ctx);
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-vscode-user-'));
  try {
    const code = await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      version: process.env.VSCODE_VERSION || undefined,
      launchArgs: [ctx.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', userData],
    });
    process.exitCode = code;
  } finally {
    fs.rmSync(path.dirname(ctx.workspace), { recursive: true, force: true });
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`extension tests failed: ${(e as Error).message}`);
  process.exit(1);
});
