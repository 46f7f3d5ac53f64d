import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import { CANARY_API_KEY, createEngineProject, EngineProject } from "./support/engineProject";

const PLUGIN = "./node_modules/.bin/pulumi-resource-aculab";
const schemaJson = () =>
  JSON.parse(fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8"));

// The engine's own reading of the plugin's schema: what `pulumi package add`, `gen-sdk` and
// every YAML program rely on.
describe("the plugin's schema as the real pulumi CLI reads it", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({ program: path.join(repositoryRoot, "examples", "yaml") });
  });
  afterAll(() => project?.close());

  it("`pulumi schema check` binds schema.json and the plugin's GetSchema with no diagnostics", async () => {
    for (const source of [path.join(repositoryRoot, "schema.json"), PLUGIN]) {
      const check = await project.pulumi(["schema", "check", source]);
      expect({ source, code: check.code, stdout: check.stdout, stderr: check.stderr }).toEqual({
        source,
        code: 0,
        stdout: "",
        stderr: "",
      });
    }
  });

  it("`pulumi package get-schema` of the plugin answers schema.json, with no warnings", async () => {
    const run = await project.pulumi(["package", "get-schema", PLUGIN]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // The CLI re-serializes the spec: an empty `inputs: {properties: {}}` comes back as `{}`.
    const expected = schemaJson();
    expect(expected.functions["aculab:index:listRegulationAddresses"].inputs).toEqual({
      properties: {},
    });
    expected.functions["aculab:index:listRegulationAddresses"].inputs = {};
    expect(JSON.parse(run.stdout)).toEqual(expected);
    expect(run.stdout).not.toContain(CANARY_API_KEY);
  });
});
