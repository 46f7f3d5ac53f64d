import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  cliOutput,
  CliRun,
  createEngineProject,
  EngineProject,
  numbersInState,
  outsideClient,
} from "./support/engineProject";
import { goModulesDownloaded, pythonPackageIndex } from "./support/localPackages";

// examples/python and examples/go as a user runs them: the generated SDK (sdk/python through pip,
// sdk/go through a replace directive), Pulumi's language hosts, the native plugin from Pulumi.yaml's
// plugins.providers path, against the simulator. Each buys one number and a block of two.

interface Language {
  name: string;
  /** Variables the project's commands need besides the suite's own (a local package index). */
  env?: Record<string, string>;
  /** Prepares the project before the first run (Python: the virtualenv). */
  install(project: EngineProject, cli: (args: string[]) => Promise<CliRun>): Promise<void>;
  /** Where the code `pulumi import` prints starts. */
  codeStart: string;
  /**
   * Exactly the code `pulumi import` prints for the imported number (pkg/v3's program generator
   * through Pulumi's host's GenerateProgram): every input the plugin's Read returned, and protect.
   */
  importedCode(number: string): string;
  /** Adds the printed code to the program, as the CLI tells the user to; false if not done. */
  paste?(project: EngineProject, code: string): void;
}

async function runExample(language: Language): Promise<void> {
  const project = await createEngineProject({
    program: path.join(repositoryRoot, "examples", language.name),
    repositoryPath: path.join("examples", language.name),
    repositoryFolders: ["sdk"],
    env: language.env,
  });
  try {
    const { simulator, stack } = project;
    const runs: CliRun[] = [];
    const cli = async (args: string[]) => {
      const run = await project.pulumi(args);
      runs.push(run);
      return run;
    };
    await language.install(project, cli);

    // Preview: the program runs and answers the function call, but buys nothing.
    simulator.resetRequestLog();
    const preview = await cli(["preview", "--non-interactive"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("+ 3 to create");
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([]);

    // Up (the stack and the two resources; the default provider is not counted): exactly one purchase of one number and one of two, the outputs are the account's numbers.
    simulator.resetRequestLog();
    const up = await cli(["up", "--yes", "--non-interactive"]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("+ 3 created");
    const purchases = simulator.requests().filter((r) => r.service === "tel_purchase");
    expect(
      purchases.map((r) => r.params).sort((a, b) => a.quantity.localeCompare(b.quantity)),
    ).toEqual([
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic", quantity: "1" },
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic", quantity: "2" },
    ]);
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(3);
    const outputs = await stack.outputs();
    expect([outputs.number.value, ...outputs.salesNumbers.value].sort()).toEqual(bought);
    expect(outputs.monthlyPrice.value).toBe(
      Number(simulator.ownedNumbers()[outputs.number.value].price),
    );
    expect(outputs.regions.value).toEqual(
      await outsideClient(simulator).getSupportedRegions({ country: "United Kingdom" }),
    );
    expect(numbersInState(await project.aculabResources())).toEqual(bought);

    // Refresh reads the account and changes nothing.
    simulator.resetRequestLog();
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    expect(simulator.callCounts().tel_list_numbers).toBeGreaterThanOrEqual(1);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(bought);

    // Import of a number bought outside Pulumi: the CLI prints this language's code for it.
    const [outside] = await outsideClient(simulator).purchaseNumbers({
      country: "Canada",
      state: "Manitoba",
      region: "Winnipeg",
    });
    simulator.resetRequestLog();
    const imported = await cli([
      "import",
      "aculab:index:InboundNumber",
      "helpdesk",
      outside,
      "--yes",
      "--non-interactive",
    ]);
    expect({ code: imported.code, output: cliOutput(imported) }).toMatchObject({
      code: 0,
      output: expect.stringContaining("= 1 imported"),
    });
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    const code = imported.stdout.slice(imported.stdout.indexOf(language.codeStart));
    expect(code.trimEnd()).toBe(language.importedCode(outside).trimEnd());
    const owned = [...bought, outside].sort();
    expect(numbersInState(await project.aculabResources())).toEqual(owned);
    if (language.paste) {
      language.paste(project, code);
      const noChanges = await cli(["preview", "--expect-no-changes", "--non-interactive"]);
      expect(noChanges.code).toBe(0);
      expect(noChanges.stdout).toContain("4 unchanged");
    }

    // The imported number is protected (the CLI adds protect); once unprotected, destroy releases
    // exactly the numbers in the stack.
    expect((await cli(["state", "unprotect", "--all", "--yes"])).code).toBe(0);
    simulator.resetRequestLog();
    const destroy = await cli(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(0);
    const released = simulator
      .requests()
      .filter((r) => r.service === "tel_delete_numbers")
      .flatMap((r) => String(r.params.numbers).split(","))
      .sort();
    expect(released).toEqual(owned);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(await project.aculabResources()).toEqual([]);

    for (const run of runs) expect(cliOutput(run)).not.toContain(CANARY_API_KEY);
    const plainExport = await cli(["stack", "export"]);
    expect(plainExport.code).toBe(0);
    expect(plainExport.stdout).not.toContain(CANARY_API_KEY);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  } finally {
    await project.close();
  }
}

describe("examples/python through pulumi-language-python and sdk/python", () => {
  it("pulumi install --no-plugins makes the virtualenv; preview buys nothing, up buys exactly a number and a block, refresh changes nothing, import prints Python and previews unchanged once pasted, destroy releases exactly the stack's numbers", async () => {
    const requirements = path.join(repositoryRoot, "examples", "python", "requirements.txt");
    await runExample({
      name: "python",
      env: pythonPackageIndex(requirements, "../../sdk"),
      async install(project, cli) {
        // --no-plugins: the plugin comes from Pulumi.yaml's plugins.providers path, and a plain
        // `pulumi install` would try to download pulumi-resource-aculab (README, Python).
        const install = await cli(["install", "--no-plugins"]);
        expect(install.code).toBe(0);
        expect(fs.existsSync(path.join(project.dir, "venv", "bin", "python"))).toBe(true);
      },
      codeStart: "import pulumi",
      importedCode: (number) => `import pulumi
import pulumi_aculab as aculab

helpdesk = aculab.InboundNumber("helpdesk",
    country="Canada",
    did_type=aculab.DidType.GEOGRAPHIC,
    number="${number}",
    region="Winnipeg",
    state="Manitoba",
    opts = pulumi.ResourceOptions(protect=True))
`,
      // Appended to __main__.py, as printed.
      paste(project, code) {
        fs.appendFileSync(path.join(project.dir, "__main__.py"), `\n${code}`);
      },
    });
  });
});

describe("examples/go through pulumi-language-go and sdk/go", () => {
  it(
    "preview buys nothing, up buys exactly a number and a block, refresh changes nothing, import prints Go and previews unchanged once pasted, destroy releases exactly the stack's numbers",
    async () => {
      await runExample({
        name: "go",
        async install(project) {
          goModulesDownloaded(project.dir);
        },
        codeStart: "package main",
        importedCode: (number) => `package main

import (
\t"github.com/aculab-pulumi/pulumi-aculab/sdk/go/aculab"
\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
\tpulumi.Run(func(ctx *pulumi.Context) error {
\t\t_, err := aculab.NewInboundNumber(ctx, "helpdesk", &aculab.InboundNumberArgs{
\t\t\tCountry: pulumi.String("Canada"),
\t\t\tDidType: aculab.DidTypeGeographic,
\t\t\tNumber:  pulumi.String("${number}"),
\t\t\tRegion:  pulumi.String("Winnipeg"),
\t\t\tState:   pulumi.String("Manitoba"),
\t\t}, pulumi.Protect(true))
\t\tif err != nil {
\t\t\treturn err
\t\t}
\t\treturn nil
\t})
}
`,
        // The printed statement, moved into the example's main before its exports (err already
        // exists there, so := becomes =).
        paste(project, code) {
          const start = code.indexOf("\t\t_, err := aculab.NewInboundNumber");
          const end = code.indexOf("\t\treturn nil", start);
          const statement = code.slice(start, end).replace("_, err :=", "_, err =");
          const file = path.join(project.dir, "main.go");
          const program = fs.readFileSync(file, "utf8");
          const at = program.indexOf('\t\tctx.Export("number"');
          expect(at).toBeGreaterThan(0);
          fs.writeFileSync(file, program.slice(0, at) + statement + program.slice(at));
        },
      });
    },
    20 * 60 * 1000,
  );
});
