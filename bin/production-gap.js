#!/usr/bin/env node
// The `production-gap` command: the bundled CLI (built by `npm run build`).
// On Node 22+, V8's compilation of the bundle (12 MB, most of it TypeScript) is cached between runs in the system's
// temp folder (or NODE_COMPILE_CACHE): about 0.3 s of every start. Earlier Node versions have no such cache.
require('node:module').enableCompileCache?.();
require('../dist/cli.js');
