#!/usr/bin/env node
// The audit is compiled TypeScript: `npm run build` (tsc -p tsconfig.build.json) writes dist/.
require("../dist/audit/cli.js").run();
