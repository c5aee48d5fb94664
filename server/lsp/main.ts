/** Entry of the language server (bundled to dist/server.js): `node dist/server.js --stdio`. */
import { createConnection } from 'vscode-languageserver/node';
import { ProductionGapServer } from './server';

new ProductionGapServer(createConnection()).listen();
