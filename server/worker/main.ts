/**
 * The analysis worker thread (dist/worker.js): analyses the batches of files that the language server or the CLI
 * hands it during a large analysis (engine/parallel.ts), with the bundled rules.
 */
import { serveAnalyses } from '../engine/parallel';
import { RULES } from '../../rules';

serveAnalyses(RULES);
