import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../harness";
import { generatedFiles } from "../../provider/model/generate";

// `npm run generate` writes these files from the model (provider/model/model.ts) and package.json.
// Generated here in memory, each must equal the committed file byte for byte: a change to the model,
// or to package.json's version, without `npm run generate` fails this test.
describe("the generated files", () => {
  const files = generatedFiles(repositoryRoot);

  it("include schema.json", () => {
    expect(Object.keys(files)).toContain("schema.json");
  });

  it.each(Object.keys(files))("%s is what `npm run generate` writes from the model", (file) => {
    const committed = fs.readFileSync(path.join(repositoryRoot, file), "utf8");
    if (committed !== files[file]) {
      throw new Error(`${file} is stale: run \`npm run generate\` and commit the result`);
    }
  });

  it("follow package.json: another version is another schema.json", () => {
    const copy = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "aculab-generate-"));
    try {
      const packageJson = JSON.parse(
        fs.readFileSync(path.join(repositoryRoot, "package.json"), "utf8"),
      );
      fs.writeFileSync(
        path.join(copy, "package.json"),
        JSON.stringify({ ...packageJson, version: "9.8.7" }),
      );
      const schema = JSON.parse(generatedFiles(copy)["schema.json"]);
      expect(schema.version).toBe("9.8.7");
      expect({ ...schema, version: packageJson.version }).toEqual(JSON.parse(files["schema.json"]));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
