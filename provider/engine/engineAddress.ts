/**
 * The engine's address among a provider's arguments, as the engine passes them to every plugin
 * (sdk/go/common/resource/plugin/plugin.go, buildPluginArguments): `--logtostderr`, `-v=N` and
 * `--tracing <endpoint>` when it flows its logging, then the address. Pulumi's own Node.js
 * provider server reads them the same way (@pulumi/pulumi/provider/internals.js, parseArgs).
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--tracing") i++;
    else if (arg !== "--logtostderr" && !arg.startsWith("-v=")) return arg;
  }
  return undefined;
}
