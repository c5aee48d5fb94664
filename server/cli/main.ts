/**
 * `production-gap`: the command-line entry. Parses arguments and checks the path, then loads the engine
 * (lazily, so --help, --version and usage errors answer at once) and hands over to the audit command.
 */
import * as path from 'node:path';
import { TOOL_NAME, TOOL_VERSION } from '../report/common';
import { HELP, UsageError, parseCliArgs } from './args';
import { bundledExample, unreadable } from './paths';

const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${TOOL_NAME}: ${e.message}\nRun \`${TOOL_NAME} --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  if (args.command === 'help') { process.stdout.write(HELP); return 0; }
  if (args.command === 'version') { process.stdout.write(`${TOOL_VERSION}\n`); return 0; }

  const root = path.resolve(args.path ?? bundledExample());
  const problem = unreadable(root, args.path);
  if (problem) {
    process.stderr.write(`${TOOL_NAME}: ${problem}\n`);
    return EXIT_USAGE;
  }
  const { runAudit } = await import('./audit');
  return await runAudit(args, root);
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
