import { model } from "./model";
import type { PackageModel } from "./spec";

/**
 * docs/installation-configuration.md, the Pulumi Registry's install and configuration page,
 * generated from the model so that its settings table cannot drift from schema.json's `config`.
 */
export function installationConfiguration(version: string, m: PackageModel = model): string {
  return `---
title: ${m.displayName} Installation & Configuration
meta_desc: How to install the ${m.displayName} provider for Pulumi and configure its credentials.
layout: package
---

<!-- Generated from provider/model by \`npm run generate\`; edit the model, not this file. -->

${installation(version, m)}
${configuration(m)}`;
}

function installation(version: string, m: PackageModel): string {
  const plugin = `pulumi-resource-${m.name}`;
  return `## Installation

The ${m.displayName} provider is available as a package in these Pulumi languages:

* JavaScript/TypeScript: [\`pulumi-aculab\`](https://www.npmjs.com/package/pulumi-aculab) (dynamic resources, no plugin) or [\`${m.language.nodejs.packageName}\`](https://www.npmjs.com/package/${m.language.nodejs.packageName}) (the plugin)
* Python: [\`${m.language.python.packageName}\`](https://pypi.org/project/${m.language.python.packageName}/)
* Go: [\`${String(m.language.go.importBasePath).replace(/\/aculab$/, "")}\`](https://pkg.go.dev/${m.language.go.importBasePath}), tags \`sdk/go/v<version>\`
* YAML: no package; install the plugin by name

### Provider binary

The plugin \`${plugin}\` is one executable per platform with Node.js built in: the machine that
runs a Python, Go or YAML program needs no Node.js. The SDKs name its download server, so
\`pulumi install\` (or \`pulumi up\`) fetches it from the project's GitHub releases. To install it by
hand:

\`\`\`sh
pulumi plugin install resource ${m.name} ${version} --server ${m.pluginDownloadURL}
\`\`\`

or, from a downloaded archive (\`${plugin}-v${version}-<os>-<arch>.tar.gz\`, for linux-amd64,
linux-arm64, darwin-amd64 and windows-amd64; on Apple silicon, whose Node.js the npm registry
does not carry, install the darwin-amd64 archive this way, to run under Rosetta 2):

\`\`\`sh
pulumi plugin install resource ${m.name} ${version} -f ${plugin}-v${version}-linux-amd64.tar.gz
\`\`\`
`;
}

function configuration(m: PackageModel): string {
  const rows = Object.entries(m.config).map(([name, s]) => {
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    const required = s.needed ? "yes" : "no";
    return `| \`${m.name}:${name}\` | \`${s.env}\` | ${s.type} | ${required} | ${cell(s.description)} |`;
  });
  return `## Configuration

Every setting can be stack config or an environment variable; stack config wins.

| Stack config | Environment variable | Type | Required | Meaning |
| --- | --- | --- | --- | --- |
${rows.join("\n")}

\`\`\`sh
pulumi config set ${m.name}:cloudId 1-2-0
pulumi config set ${m.name}:username bob@example.com
pulumi config set --secret ${m.name}:apiKey <your API access key>
\`\`\`

The API key is never written to state, logs or error messages. Try everything first against the
local Aculab Cloud simulator that ships with the npm package (\`npx aculab-simulator\`), or with
\`${m.name}:development\` set to \`true\`, which buys through \`tel_purchase_development\` at no cost.
`;
}
