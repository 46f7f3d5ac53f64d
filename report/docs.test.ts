import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureText } from "../test/fixtures/preview/load";
import { main } from "./cli";

describe("docs/pr-comment-example.md", () => {
  it("shows exactly what the report prints for the mixed fixture", async () => {
    let stdout = "";
    await main([], {
      readStdin: async () => fixtureText("mixed.json"),
      writeStdout: (text) => (stdout += text),
      writeStderr: () => undefined,
    });
    const doc = readFileSync(join(__dirname, "..", "docs", "pr-comment-example.md"), "utf8");
    const generated = doc
      .split("<!-- prettier-ignore-start -->\n")[1]
      ?.split("<!-- prettier-ignore-end -->")[0];
    expect(generated).toBe(stdout);
  });
});
