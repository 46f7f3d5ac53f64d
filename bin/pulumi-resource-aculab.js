#!/usr/bin/env node
// The native resource provider plugin the Pulumi engine starts for `aculab:*` resources; it prints
// its gRPC port on the first line of stdout. Build first with `npm run build`.
const { errorMessage } = require("../dist/common/errorMessage.js");

require("../dist/provider/plugin/main.js")
  .main(process.argv.slice(2))
  .catch((error) => {
    process.stderr.write(`pulumi-resource-aculab: ${errorMessage(error)}\n`);
    process.exit(1);
  });
