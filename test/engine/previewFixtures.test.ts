import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import { accountNumbers, createEngineProject, EngineProject } from "./support/engineProject";

// The generator of test/fixtures/preview/*.json: each fixture is the real `pulumi preview --json`
// of one scenario, run by the pinned CLI against the simulator. With UPDATE_PREVIEW_FIXTURES=1
// (`npm run fixtures:preview`) it writes the fixtures; otherwise it fails when a committed fixture
// differs from what the engine prints today, so a report test can never run on a stale shape.

const FIXTURES = path.join(repositoryRoot, "test", "fixtures", "preview");
const PROGRAMS = path.join(__dirname, "programs");
const UPDATE = process.env.UPDATE_PREVIEW_FIXTURES === "1";

// A fixed port and a fixed clock, so that `aculab:endpoint` in the preview's config and the
// `purchased` dates in state are the same on every run and need no normalizing.
const DYNAMIC_PORT = 47311;
const PLUGIN_PORT = 47312;
const CLOCK = () => new Date("2025-03-02T10:15:00.000Z");

/** The engine's marker for a value only known after apply: a constant, kept as it is. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/**
 * What differs between two runs of one scenario, and nothing else. Each field normalized, and why:
 * - UUIDs other than the unknown marker: the engine mints a default provider's id on every
 *   deployment (it ends the provider URNs in `provider`), and NumberBlock's create mints the
 *   block's id (crypto.randomUUID). Each distinct one becomes 00000000-0000-4000-8000-00000000000N
 *   in order of first appearance, so a provider named twice is still one provider.
 * - `sourcePosition` (of a state and of each `stackTrace` frame) outside the project folder:
 *   a path from the throwaway project folder to this checkout (its depth and name depend on where
 *   the repository lives) and a line in the SDK or in provider/dynamic (which moves with any edit
 *   there). It becomes "project:///<outside the project>"; positions inside the project
 *   (project:///index.ts#41,9) are kept.
 * - `duration`: nanoseconds of wall-clock time; 0.
 * - the order of each step's `replaceReasons`: the engine lists the same reasons in a different
 *   order from run to run ("country, state, region", then "state, region, country"); sorted.
 *   (The report puts them in its own fixed order, so its output never depended on this.)
 * - the order of `steps`: the engine prints a step when it runs, and independent steps run in
 *   parallel, so their order changes from run to run. Steps are put in a fixed order: the stack's
 *   first, then the program's resources in the order it declares them (`order`), deletes and
 *   delete-replaced halves last (as the engine does: it deletes after every other step), each
 *   kind keeping `order`.
 * - `created`/`modified`: the engine of v3.259 prints when a resource already in the state was
 *   created and last modified (v3.248 printed the zero time 0001-01-01T00:00:00Z for every
 *   resource); both become `<time>` unless they are the zero time.
 * Not normalized, because they do not vary: numbers and `purchased` dates (one purchaser per
 * region and the fixed clock), `aculab:endpoint` (the fixed port), the serialized `__provider`.
 */
const ZERO_TIME = "0001-01-01T00:00:00Z";

export function normalizePreview(text: string, order: string[]): unknown {
  interface Step {
    op: string;
    urn: string;
    replaceReasons?: unknown;
  }
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (
          key === "sourcePosition" &&
          typeof inner === "string" &&
          inner.startsWith("project:///../")
        ) {
          return [key, "project:///<outside the project>"];
        }
        if (
          (key === "created" || key === "modified") &&
          typeof inner === "string" &&
          inner !== ZERO_TIME
        ) {
          return [key, "<time>"];
        }
        return [key, walk(inner)];
      }),
    );
  };
  const document = walk(JSON.parse(text)) as { duration?: unknown; steps?: Step[] };
  if (typeof document.duration === "number") document.duration = 0;
  if (Array.isArray(document.steps)) {
    const rank = (step: Step) => {
      const name = step.urn.split("::").slice(3).join("::");
      const position = order.indexOf(name);
      if (step.urn.includes("::pulumi:pulumi:Stack::")) return -1;
      if (position === -1) throw new Error(`normalizePreview: ${name} is not in the order given`);
      const deletes = step.op === "delete" || step.op === "delete-replaced";
      return (deletes ? order.length : 0) + position;
    };
    document.steps = [...document.steps].sort((a, b) => rank(a) - rank(b));
    for (const step of document.steps) {
      if (Array.isArray(step.replaceReasons)) step.replaceReasons = [...step.replaceReasons].sort();
    }
  }
  // UUIDs are numbered after the steps are in order, so that their numbers do not vary either.
  const ids = new Map<string, string>();
  const renamed = JSON.stringify(document).replace(UUID, (uuid) => {
    if (uuid === UNKNOWN) return uuid;
    if (!ids.has(uuid)) {
      ids.set(uuid, `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, "0")}`);
    }
    return ids.get(uuid)!;
  });
  return JSON.parse(renamed);
}

/**
 * Writes the fixture (UPDATE_PREVIEW_FIXTURES=1), formatted as `npm run lint` wants it, or checks
 * that the committed one holds exactly the fresh preview.
 */
async function recordOrCompare(scenario: string, preview: unknown): Promise<void> {
  const file = path.join(FIXTURES, `${scenario}.json`);
  if (UPDATE) {
    fs.writeFileSync(file, `${JSON.stringify(preview, null, 2)}\n`);
    return;
  }
  expect(fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : `(no ${file})`).toEqual(
    preview,
  );
}

type Value =
  | string
  | number
  | boolean
  | { secret: string }
  | { after: string; output: string; value: string | number | boolean };
type Spec = { kind: "InboundNumber" | "NumberBlock" } & Record<string, Value>;
type Resources = Record<string, Spec>;

const line = (country: string, region: Value, more: Record<string, Value> = {}): Spec => ({
  kind: "InboundNumber",
  country,
  region,
  ...more,
});
const block = (
  country: string,
  region: Value,
  quantity: Value,
  more: Record<string, Value> = {},
): Spec => ({
  kind: "NumberBlock",
  country,
  region,
  quantity,
  ...more,
});

/** What the report prices purchases with: the stack config `aculab:prices`, as a user sets it. */
const PRICES = [
  { country: "United Kingdom", didType: "geographic", monthlyUsd: 3 },
  { country: "United Kingdom", didType: "tollfree", monthlyUsd: 12 },
  { country: "Spain", monthlyUsd: 4 },
  { country: "Spain", region: "901", didType: "tollfree", monthlyUsd: 15 },
  { country: "Canada", didType: "geographic", monthlyUsd: 2 },
  { country: "United States", didType: "geographic", monthlyUsd: 1.5 },
  { country: "United States", didType: "tollfree", monthlyUsd: 10 },
];

// The deployed stack every scenario but `create` previews a change of. Each resource buys in its
// own region, so which number each one gets does not depend on the order of parallel purchases.
// spare-line buys a number that then leaves the stack (`pulumi state delete`): the account owns
// it and no resource holds it, the number an adoption names.
const DEPLOYED: Resources = {
  "main-line": line("United Kingdom", "Milton Keynes"),
  "sales-pool": block("United States", "New York City", 2, { state: "New York" }),
  "ops-pool": block("United Kingdom", "London", 4),
  "legacy-line": line("Germany", "Berlin"),
  reception: line("Spain", "Bilbao"),
  "night-pool": block("Spain", "Madrid", 2),
};
const SPARE = line("United States", "San Francisco", { state: "California" });

const changed = (change: (resources: Resources) => void): Resources => {
  const resources = structuredClone(DEPLOYED);
  change(resources);
  return resources;
};

interface Numbers {
  spare: string;
  reception: string;
  legacy: string;
}

/** The scenarios previewed against DEPLOYED: the program's resources for the preview. */
const CHANGES: Record<string, (numbers: Numbers) => Resources> = {
  grow: () => changed((r) => (r["sales-pool"].quantity = 4)),
  shrink: () => changed((r) => (r["ops-pool"].quantity = 2)),
  // One block grows while another shrinks: the `--format json` example in docs/pull-requests.md.
  resize: () =>
    changed((r) => {
      r["sales-pool"].quantity = 4;
      r["ops-pool"].quantity = 2;
    }),
  replace: () =>
    changed((r) => (r["main-line"] = line("Canada", "Winnipeg", { state: "Manitoba" }))),
  // The replacement of `replace`, with --show-replacement-steps (EXTRA_ARGS): Pulumi also lists
  // its two halves, create-replacement and delete-replaced.
  "replacement-steps": () =>
    changed((r) => (r["main-line"] = line("Canada", "Winnipeg", { state: "Manitoba" }))),
  delete: () => changed((r) => delete r["legacy-line"]),
  same: () => DEPLOYED,
  // The same preview as `same`, with --show-sames (EXTRA_ARGS): Pulumi lists unchanged resources
  // only when asked to.
  "show-sames": () => DEPLOYED,
  adopt: ({ spare }) => changed((r) => (r["adopted-line"] = { ...SPARE, number: spare })),
  // A secret config value in a location input and in basedOn, on new numbers.
  secrets: () =>
    changed((r) => {
      r["office-line"] = line("United Kingdom", { secret: "officeRegion" });
      r["support-line"] = line("United Kingdom", "London", { basedOn: { secret: "basedOn" } });
    }),
  // Inputs that depend on a resource the same preview creates: unknown until apply.
  // seed-line comes first: the program declares resources in the order the config lists them.
  unknowns: ({ spare }) => ({
    "seed-line": line("United Kingdom", "Milton Keynes"),
    ...changed((r) => {
      const later = (output: string, value: string | number) => ({
        after: "seed-line",
        output,
        value,
      });
      r["callback-line"] = line("Spain", later("purchased", "901"), {
        didType: "tollfree",
        allowLandline: true,
      });
      r["overflow-pool"] = block("Canada", "Winnipeg", later("monthlyPrice", 2), {
        state: "Manitoba",
      });
      r["sales-pool"].quantity = later("monthlyPrice", 3);
      r["adopted-later"] = { ...SPARE, number: later("purchased", spare) };
    }),
  }),
  // Two resources naming one number: a copy adopting a number another resource keeps, and one
  // adopting the number of a resource this change deletes. Preview passes (each adopted number
  // is owned by the account, which is all check can see); `pulumi up` would fail on the first.
  "shared-numbers": ({ reception, legacy }) =>
    changed((r) => {
      r["reception-copy"] = line("Spain", "Bilbao", { number: reception });
      delete r["legacy-line"];
      r["legacy-copy"] = line("Germany", "Berlin", { number: legacy });
    }),
  // Every step kind at once: the example in docs/pr-comment-example.md.
  mixed: ({ spare }) =>
    changed((r) => {
      r["office-line"] = line("United Kingdom", "Milton Keynes");
      r["support-pool"] = block("Spain", "901", 3, { didType: "tollfree", allowLandline: true });
      r["sales-pool"].quantity = 4;
      r["ops-pool"].quantity = 2;
      r["main-line"] = line("Canada", "Winnipeg", { state: "Manitoba" });
      delete r["legacy-line"];
      r["adopted-line"] = { ...SPARE, number: spare };
    }),
};

// Pulumi lists unchanged resources only with --show-sames, which docs/pull-requests.md tells users
// to pass: the scenarios whose report needs the unchanged resources pass it too.
const EXTRA_ARGS: Record<string, string[]> = {
  "show-sames": ["--show-sames"],
  "replacement-steps": ["--show-replacement-steps"],
  "shared-numbers": ["--show-sames"],
  mixed: ["--show-sames"],
};

const PREVIEW = ["preview", "--json", "--non-interactive"];
const UP = ["up", "--yes", "--non-interactive", "--skip-preview"];

/** Runs the preview; `order` names the resources as the program declares them, deleted ones after. */
async function preview(
  project: EngineProject,
  order: string[],
  extraArgs: string[] = [],
): Promise<unknown> {
  const purchases = project.simulator.callCounts().tel_purchase ?? 0;
  const run = await project.pulumi([...PREVIEW, ...extraArgs]);
  // On failure, the preview's own diagnostics say why.
  const diagnostics =
    run.code === 0 ? [] : (JSON.parse(run.stdout || "{}").diagnostics ?? run.stdout);
  expect({ code: run.code, stderr: run.stderr, diagnostics }).toEqual({
    code: 0,
    stderr: "",
    diagnostics: [],
  });
  // A preview buys and releases nothing, whatever it shows.
  expect(project.simulator.callCounts().tel_purchase ?? 0).toBe(purchases);
  expect(project.simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
  return normalizePreview(run.stdout, order);
}

async function up(project: EngineProject): Promise<void> {
  const run = await project.pulumi(UP);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
}

describe("preview fixtures of the dynamic resources (pulumi-nodejs:dynamic/aculab:*)", () => {
  let project: EngineProject;
  const setResources = (resources: Resources) =>
    project.stack.setConfig("resources", { value: JSON.stringify(resources) });

  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(PROGRAMS, "preview-numbers"),
      simulator: { port: DYNAMIC_PORT, now: CLOCK },
      config: { "aculab:prices": JSON.stringify(PRICES) },
    });
    await project.stack.setConfig("officeRegion", { value: "Milton Keynes", secret: true });
    await project.stack.setConfig("basedOn", { value: "support-line", secret: true });
  });
  afterAll(() => project?.close());

  it("create: a new stack buys a number and two blocks, one priced by no table entry, and calls data functions", async () => {
    const resources = {
      "office-line": line("United Kingdom", "Milton Keynes"),
      "support-pool": block("Spain", "901", 3, { didType: "tollfree", allowLandline: true }),
      "berlin-pool": block("Germany", "Berlin", 2),
    };
    await setResources(resources);
    await project.stack.setConfig("functions", { value: "true" });
    await recordOrCompare("create", await preview(project, Object.keys(resources)));
    await project.stack.removeConfig("functions");
  });

  describe("changes to a deployed stack", () => {
    const numbers: Numbers = { spare: "", reception: "", legacy: "" };

    beforeAll(async () => {
      await setResources({ ...DEPLOYED, "spare-line": SPARE });
      await up(project);
      const held = await project.aculabResources();
      const numberOf = (name: string) =>
        held.find((r) => r.urn.endsWith(`::${name}`))!.outputs.number as string;
      numbers.spare = numberOf("spare-line");
      numbers.reception = numberOf("reception");
      numbers.legacy = numberOf("legacy-line");
      const spareUrn = held.find((r) => r.urn.endsWith("::spare-line"))!.urn;
      const forget = await project.pulumi([
        "state",
        "delete",
        spareUrn,
        "--yes",
        "--non-interactive",
      ]);
      expect(forget.code).toBe(0);
      // The account still owns the spare number; the stack no longer holds it.
      expect(accountNumbers(project.simulator)).toContain(numbers.spare);
      expect((await project.aculabResources()).map((r) => r.urn)).not.toContain(spareUrn);
    });

    it.each(Object.keys(CHANGES))("%s", async (scenario) => {
      const resources = CHANGES[scenario](numbers);
      await setResources(resources);
      const order = [...new Set([...Object.keys(resources), ...Object.keys(DEPLOYED)])];
      await recordOrCompare(scenario, await preview(project, order, EXTRA_ARGS[scenario]));
    });
  });
});

describe("preview fixture of the plugin's resources (aculab:index:*) from Pulumi YAML", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(PROGRAMS, "preview-plugin"),
      simulator: { port: PLUGIN_PORT, now: CLOCK },
    });
  });
  afterAll(() => project?.close());

  it("plugin: a replacement, a shrink of a block whose numbers are secret, creates and an unchanged number", async () => {
    await up(project);
    fs.copyFileSync(
      path.join(project.dir, "Pulumi.after.yaml"),
      path.join(project.dir, "Pulumi.yaml"),
    );
    await recordOrCompare(
      "plugin",
      await preview(project, [
        "desk-line",
        "night-pool",
        "kept-line",
        "office-line",
        "support-pool",
      ]),
    );
  });
});
