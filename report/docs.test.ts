import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureText } from "../test/fixtures/preview/load";
import { main } from "./cli";

const doc = (name: string) => readFileSync(join(__dirname, "..", "docs", name), "utf8");

async function reportOf(fixture: string, argv: string[] = []): Promise<string> {
  let stdout = "";
  await main(argv, {
    readStdin: async () => fixtureText(fixture),
    writeStdout: (text) => (stdout += text),
    writeStderr: () => undefined,
  });
  return stdout;
}

describe("the report's examples in docs/", () => {
  it("docs/pr-comment-example.md shows exactly what the report prints for the mixed fixture", async () => {
    const generated = doc("pr-comment-example.md")
      .split("<!-- prettier-ignore-start -->\n")[1]
      ?.split("<!-- prettier-ignore-end -->")[0];
    expect(generated).toBe(await reportOf("mixed.json"));
  });

  it("the `--format json` example in docs/pull-requests.md is the report of the resize fixture", async () => {
    const example = doc("pull-requests.md")
      .split("### `--format json`\n\n```json\n")[1]
      ?.split("```")[0];
    expect(JSON.parse(example ?? "null")).toEqual(
      JSON.parse(await reportOf("resize.json", ["--format", "json"])),
    );
  });
});

describe("README.md", () => {
  it("quotes the comment of docs/pr-comment-example.md, marker aside", async () => {
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    const quoted = readme
      .split("<!-- prettier-ignore-start -->\n> ## Aculab numbers")[1]
      ?.split("<!-- prettier-ignore-end -->")[0];
    const comment = (await reportOf("mixed.json")).replace(/\n$/, "").split("\n").slice(1);
    expect(`> ## Aculab numbers${quoted}`).toBe(
      comment.map((line) => (line === "" ? ">" : `> ${line}`)).join("\n") + "\n",
    );
  });
});
