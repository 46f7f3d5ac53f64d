/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and prints, as JSON on the last line of
 * stdout, every resource it registers with the exact inputs the engine would receive, the
 * dynamic provider's serialized `__provider` text included, and the stack's outputs as the program
 * computed them (resource outputs hold mock values; data functions' results are real). Usage: node captureRunner.js <program>
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { errorMessage } from "../common/errorMessage";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  options: { protect?: boolean };
}

function installTypeScriptLoader(): void {
  const ts = require("typescript");
  require.extensions[".ts"] = (module: NodeJS.Module, filename: string) => {
    const source = fs.readFileSync(filename, "utf8");
    const output = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
      fileName: filename,
    });
    (module as unknown as { _compile(code: string, file: string): void })._compile(
      output.outputText,
      filename,
    );
  };
}

async function main(): Promise<void> {
  const program = path.resolve(process.argv[2]);
  const programDir = fs.statSync(program).isDirectory() ? program : path.dirname(program);
  // The program's own copy of @pulumi/pulumi: mocks are per copy.
  const packageEntry = require.resolve("pulumi-aculab", { paths: [programDir] });
  const pulumi = require(
    require.resolve("@pulumi/pulumi", { paths: [path.dirname(packageEntry)] }),
  );
  installTypeScriptLoader();

  const registrations: Registration[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args: {
        type: string;
        name: string;
        inputs: Record<string, unknown>;
        id?: string;
      }) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, options: {} });
        return { id: `${args.name}-mock-id`, state: args.inputs };
      },
      call() {
        return {};
      },
    },
    process.env.PULUMI_PROJECT ?? "aculab-program",
    process.env.PULUMI_STACK ?? "dev",
    false,
  );
  let exported: unknown;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    const loaded = require(program);
    exported = typeof loaded.default === "function" ? await loaded.default() : loaded;
    return exported;
  });
  await pulumi.runtime.waitForRPCs?.();
  const resources = registrations.filter((r) => r.type !== "pulumi:pulumi:Stack");
  process.stdout.write(`\n${JSON.stringify({ registrations: resources, outputs })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exit(1);
});
