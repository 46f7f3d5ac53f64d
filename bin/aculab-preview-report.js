#!/usr/bin/env node
// The report is compiled TypeScript: `npm run build` (tsc -p tsconfig.build.json) writes dist/.
require("../dist/report/cli.js").run();
