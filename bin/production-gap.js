#!/usr/bin/env node
// The `production-gap` command: the bundled CLI (built by `npm run build`).
require('../dist/cli.js');
