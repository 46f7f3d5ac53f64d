// The pack's entry point (package.json "main"). In a checkout the TypeScript sources are here and
// Pulumi's policy runner compiles them with ts-node; an installed pulumi-aculab ships them compiled
// in dist/, where the policies find the report's price code as they do in the sources: at ../report.
const { existsSync } = require("fs");
const { join } = require("path");

const fromSource = existsSync(join(__dirname, "..", "report", "prices.ts"));
require(fromSource ? "./pack.ts" : join(__dirname, "..", "dist", "policy", "pack.js"));
