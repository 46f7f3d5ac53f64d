import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AculabClient } from "../provider/client";
import { startSimulator, RunningSimulator } from "../simulator";
import { AuditIo, main, PulumiRun } from "./cli";

// The command in-process, against the simulator: what it prints, its exit code, the one request
// it makes, and the key it must never print.
const CANARY = "canary-key-audit-5c1e-never-print-me";

let simulator: RunningSimulator;
let dir: string;
let bought: { miltonKeynes: string[]; toronto: string; tollfree: string };

beforeAll(async () => {
  simulator = await startSimulator({ apiKey: CANARY });
  const client = new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
  bought = {
    miltonKeynes: await client.purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 2,
    }),
    toronto: (
      await client.purchaseNumbers({ country: "Canada", state: "Ontario", region: "Toronto" })
    )[0],
    tollfree: (
      await client.purchaseNumbers({
        country: "United Kingdom",
        region: "800",
        didType: "tollfree",
        allowLandline: true,
      })
    )[0],
  };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-audit-"));
});
afterAll(async () => {
  await simulator?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => simulator.resetRequestLog());

const urn = (name: string) => `urn:pulumi:prod::numbers::aculab:index:InboundNumber::${name}`;

/** A stack export holding the first Milton Keynes number, and one number the account never had. */
function prodExport() {
  return {
    version: 3,
    deployment: {
      resources: [
        {
          urn: urn("support"),
          type: "aculab:index:InboundNumber",
          outputs: { number: bought.miltonKeynes[0] },
        },
        {
          urn: urn("gone"),
          type: "aculab:index:InboundNumber",
          outputs: { number: "441908538999" },
        },
      ],
    },
  };
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  pulumiCalls: { args: string[]; cwd: string }[];
}

async function audit(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; pulumi?: (args: string[]) => PulumiRun } = {},
): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const pulumiCalls: Ran["pulumiCalls"] = [];
  const io: AuditIo = {
    env: options.env ?? {
      ACULAB_CLOUD_ID: simulator.credentials.cloudId,
      ACULAB_USERNAME: simulator.credentials.username,
      ACULAB_API_KEY: CANARY,
      ACULAB_ENDPOINT: simulator.url,
    },
    cwd: dir,
    writeStdout: (text) => (stdout += text),
    writeStderr: (text) => (stderr += text),
    runPulumi: async (args, cwd) => {
      pulumiCalls.push({ args, cwd });
      if (!options.pulumi) throw new Error("no pulumi in this test");
      return options.pulumi(args);
    },
  };
  const code = await main(argv, io);
  expect(stdout).not.toContain(CANARY);
  expect(stderr).not.toContain(CANARY);
  return { code, stdout, stderr, pulumiCalls };
}

const onlyOneListing = () =>
  expect(simulator.requests().map((r) => [r.service, r.params])).toEqual([
    ["tel_list_numbers", {}],
  ]);

describe("aculab-audit", () => {
  it("lists the account once and prints the JSON audit of a --state export", async () => {
    const ran = await audit(["--state", writeJson("prod.json", prodExport()), "--format", "json"]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({
      unmanaged: [
        {
          number: bought.toronto,
          country: "Canada",
          state: "Ontario",
          region: "Toronto",
          didType: "geographic",
          monthlyPrice: 2,
          purchased: simulator.ownedNumbers()[bought.toronto].purchased,
        },
        {
          number: bought.miltonKeynes[1],
          country: "United Kingdom",
          region: "Milton Keynes",
          didType: "geographic",
          monthlyPrice: 3,
          purchased: simulator.ownedNumbers()[bought.miltonKeynes[1]].purchased,
        },
        {
          number: bought.tollfree,
          country: "United Kingdom",
          region: "800",
          didType: "tollfree",
          monthlyPrice: 12,
          purchased: simulator.ownedNumbers()[bought.tollfree].purchased,
        },
      ],
      missing: [{ number: "441908538999", urn: urn("gone") }],
      shared: [],
      development: [],
      unmanagedMonthlyCost: 17,
    });
    // Read-only: one listing, nothing bought or released.
    onlyOneListing();
    expect(Object.keys(simulator.ownedNumbers()).sort()).toEqual(
      [...bought.miltonKeynes, bought.toronto, bought.tollfree].sort(),
    );
  });

  it("exits 2 with --fail-on-drift when drift is found, 0 when only development numbers remain", async () => {
    const drifting = await audit([
      "--state",
      writeJson("prod.json", prodExport()),
      "--fail-on-drift",
    ]);
    expect(drifting.code).toBe(2);
    expect(drifting.stdout).toContain(
      "## Aculab account audit: 3 unmanaged numbers ($17.00 a month), 1 missing, 0 shared",
    );
    expect(drifting.stderr).toBe(
      "aculab-audit: drift: 3 unmanaged, 1 missing, 0 shared; failing because of --fail-on-drift\n",
    );

    simulator.resetRequestLog();
    const everything = {
      version: 3,
      deployment: {
        resources: [
          {
            urn: urn("fleet"),
            type: "pulumi-nodejs:dynamic/aculab:NumberBlock",
            outputs: { numbers: [...bought.miltonKeynes, bought.toronto] },
          },
          {
            urn: urn("free"),
            type: "aculab:index:InboundNumber",
            outputs: { number: bought.tollfree },
          },
          {
            urn: urn("dev"),
            type: "aculab:index:InboundNumber",
            outputs: { number: "441908538500", development: true },
          },
        ],
      },
    };
    const clean = await audit([
      "--state",
      writeJson("all.json", everything),
      "--fail-on-drift",
      "--format=json",
    ]);
    expect({ code: clean.code, stderr: clean.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(clean.stdout)).toEqual({
      unmanaged: [],
      missing: [],
      shared: [],
      development: [{ number: "441908538500", urn: urn("dev") }],
      unmanagedMonthlyCost: 0,
    });
    onlyOneListing();
  });

  it("reports a number two exports hold as shared, and one export given twice as itself", async () => {
    const prod = writeJson("prod.json", prodExport());
    const twice = await audit(["--state", prod, "--state", prod, "--format", "json"]);
    expect(JSON.parse(twice.stdout).shared).toEqual([]);
    const other = writeJson("other.json", {
      version: 3,
      deployment: {
        resources: [
          {
            urn: "urn:pulumi:staging::numbers::aculab:index:InboundNumber::support",
            type: "aculab:index:InboundNumber",
            outputs: { number: bought.miltonKeynes[0] },
          },
        ],
      },
    });
    const shared = await audit(["--state", prod, "--state", other, "--format", "json"]);
    expect(shared.code).toBe(0);
    expect(JSON.parse(shared.stdout).shared).toEqual([
      {
        number: bought.miltonKeynes[0],
        urns: [urn("support"), "urn:pulumi:staging::numbers::aculab:index:InboundNumber::support"],
      },
    ]);
  });

  it("--stack runs `pulumi stack export --stack NAME` in the current folder", async () => {
    const ran = await audit(["--stack", "prod", "--format", "json"], {
      pulumi: () => ({ code: 0, stdout: JSON.stringify(prodExport()), stderr: "" }),
    });
    expect(ran.pulumiCalls).toEqual([{ args: ["stack", "export", "--stack", "prod"], cwd: dir }]);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout).missing).toEqual([{ number: "441908538999", urn: urn("gone") }]);
    onlyOneListing();

    simulator.resetRequestLog();
    const failed = await audit(["--stack", "nope"], {
      pulumi: () => ({ code: 255, stdout: "", stderr: "error: no stack named 'nope' found\n" }),
    });
    expect(failed).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "aculab-audit: --stack nope: `pulumi stack export --stack nope` failed (exit 255): error: no stack named 'nope' found\n",
      pulumiCalls: [{ args: ["stack", "export", "--stack", "nope"], cwd: dir }],
    });
    // Bad input costs no call to Aculab.
    expect(simulator.requests()).toEqual([]);
  });

  it("--import-file writes the bulk import file and prints the TypeScript adoption code", async () => {
    const ran = await audit([
      "--state",
      writeJson("prod.json", prodExport()),
      "--import-file",
      "out.json",
    ]);
    expect(ran.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8"))).toEqual({
      resources: [
        {
          type: "aculab:index:InboundNumber",
          name: `canada-ontario-toronto-${bought.toronto}`,
          id: bought.toronto,
        },
        {
          type: "aculab:index:InboundNumber",
          name: `united-kingdom-milton-keynes-${bought.miltonKeynes[1]}`,
          id: bought.miltonKeynes[1],
        },
        {
          type: "aculab:index:InboundNumber",
          name: `united-kingdom-tollfree-800-${bought.tollfree}`,
          id: bought.tollfree,
        },
      ],
    });
    expect(ran.stderr).toBe(
      "aculab-audit: wrote 3 resource(s) to out.json; run `pulumi import --file out.json` in a project that uses the aculab plugin\n",
    );
    expect(ran.stdout).toContain("run `pulumi import --file out.json`");
    expect(ran.stdout).toContain(
      [
        "```ts",
        'import * as aculab from "pulumi-aculab";',
        "",
        "new aculab.InboundNumber(",
        `  "canada-ontario-toronto-${bought.toronto}",`,
        `  { country: "Canada", state: "Ontario", region: "Toronto", number: "${bought.toronto}" },`,
        "  { protect: true },",
        ");",
      ].join("\n"),
    );
    onlyOneListing();

    // With --format json, stdout stays the audit alone; the adoption code goes to stderr.
    const json = await audit([
      "--state",
      writeJson("prod.json", prodExport()),
      "--import-file",
      "out2.json",
      "--format",
      "json",
    ]);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual([
      "unmanaged",
      "missing",
      "shared",
      "development",
      "unmanagedMonthlyCost",
    ]);
    expect(json.stderr).toContain("in a TypeScript program with the dynamic resources, add:\n");
    expect(json.stderr).toContain(`number: "${bought.tollfree}"`);
  });

  it("exits 1 with Aculab's service and code when Aculab refuses, and never prints the key", async () => {
    const wrongKey = `${CANARY}-but-wrong`;
    const ran = await audit(["--state", writeJson("prod.json", prodExport())], {
      env: {
        ACULAB_CLOUD_ID: simulator.credentials.cloudId,
        ACULAB_USERNAME: simulator.credentials.username,
        ACULAB_API_KEY: wrongKey,
        ACULAB_ENDPOINT: simulator.url,
      },
    });
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe("");
    expect(ran.stderr).toMatch(
      /^aculab-audit: Aculab tel_list_numbers failed \(HTTP 401\): \[0401\] Authentication failed/,
    );
    expect(ran.stderr).not.toContain(wrongKey);
    onlyOneListing();
  });

  it("scrubs the key from its own messages too", async () => {
    const ran = await audit(["--state", `exports/${CANARY}.json`]);
    expect(ran).toEqual({
      code: 1,
      stdout: "",
      stderr: "aculab-audit: cannot read --state exports/[redacted].json: ENOENT\n",
      pulumiCalls: [],
    });
  });

  it("exits 1 on bad input without asking Aculab anything", async () => {
    const notConfigured = await audit(["--state", writeJson("prod.json", prodExport())], {
      env: { ACULAB_USERNAME: "bob@example.com" },
    });
    expect(notConfigured).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "aculab-audit: Aculab is not configured: set ACULAB_CLOUD_ID, ACULAB_API_KEY (and ACULAB_ENDPOINT for another endpoint than ws-<cloud id>.aculabcloud.net)\n",
      pulumiCalls: [],
    });

    const notJson = path.join(dir, "broken.json");
    fs.writeFileSync(notJson, "{ not json");
    const broken = await audit(["--state", notJson]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^aculab-audit: --state .*broken\.json is not JSON: /);

    const preview = await audit(["--state", writeJson("preview.json", { steps: [] })]);
    expect(preview.stderr).toBe(
      `aculab-audit: --state ${path.join(dir, "preview.json")} is not a \`pulumi stack export\`: expected an object with "deployment"\n`,
    );

    const nothing = await audit([]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/^aculab-audit: give at least one --state or --stack: /);
    expect(nothing.stderr).toContain("Usage: aculab-audit");

    const badFormat = await audit(["--state", "a.json", "--format", "csv"]);
    expect(badFormat.stderr).toMatch(/^aculab-audit: --format must be markdown or json, not csv\n/);
    expect(badFormat.code).toBe(1);

    const unknown = await audit(["--state", "a.json", "--yes"]);
    expect(unknown.stderr).toMatch(/^aculab-audit: unknown argument --yes\n/);

    expect(simulator.requests()).toEqual([]);
  });
});
