import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  cliOutput,
  createEngineProject,
  EngineProject,
} from "./support/engineProject";

// README, "Debugging": `pulumi up --debug` (or `-v=9 --logtostderr`) shows each Aculab call with
// its outcome and duration, through either door, and never the API key.
describe.each([
  ["the dynamic door (examples/quickstart)", "quickstart"],
  ["the native plugin (examples/yaml)", "yaml"],
])("%s through the real pulumi CLI", (_door, example) => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", example),
    });
  });
  afterAll(() => project?.close());

  it("up --debug shows the tel_purchase it made, with its status and duration; -v=9 --logtostderr shows the release; the key in none of the provider's lines", async () => {
    const up = await project.pulumi(["up", "--yes", "--non-interactive", "--debug"]);
    expect(up.code).toBe(0);
    expect(accountNumbers(project.simulator)).toHaveLength(1);
    expect(cliOutput(up)).toMatch(/debug: aculab: tel_purchase answered HTTP 200 in \d+ ms/);
    expect(cliOutput(up)).not.toContain(CANARY_API_KEY);

    const destroy = await project.pulumi([
      "destroy",
      "--yes",
      "--non-interactive",
      "-v=9",
      "--logtostderr",
    ]);
    expect(destroy.code).toBe(0);
    expect(accountNumbers(project.simulator)).toEqual([]);
    const ours = destroy.stderr.split("\n").filter((line) => line.includes("aculab: tel_"));
    expect(ours.join("\n")).toMatch(/aculab: tel_delete_numbers answered HTTP 200 in \d+ ms/);
    // The engine's own -v=9 log marshals the provider's Configure inputs, the key among them (the
    // CLI's doing, README "Debugging"): what the provider told it holds no key.
    expect(ours.join("\n")).not.toContain(CANARY_API_KEY);
  });
});
