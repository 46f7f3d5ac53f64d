#!/usr/bin/env node
// Launcher for the compiled simulator CLI; build first with `npm run build`.
require("../dist/simulator/cli.js").main();
