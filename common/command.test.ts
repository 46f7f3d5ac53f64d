import { parseCommandLine, refusalText, UsageError } from "./command";

const options = {
  input: { type: "string" },
  tag: { type: "string", multiple: true },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const refusal = (argv: string[], words = {}) => {
  try {
    parseCommandLine(argv, options, words);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
};

describe("parseCommandLine", () => {
  it("reads values after the option or after =, in order, whatever they look like", () => {
    const { values, tokens } = parseCommandLine(
      ["--input", "-1", "--tag=a", "--tag", "--b", "-h", "--quiet"],
      options,
    );
    expect(values).toEqual({ input: "-1", tag: ["a", "--b"], help: true, quiet: true });
    expect(tokens.map((token) => token.kind === "option" && token.name)).toEqual([
      "input",
      "tag",
      "tag",
      "help",
      "quiet",
    ]);
  });

  it.each([
    [["--colour"], "unknown argument --colour"],
    [["--colour=red"], "unknown argument --colour=red"],
    [["-hx"], "unknown argument -hx"],
    [["report.json"], "unknown argument report.json"],
    [["--input", "a", "b"], "unknown argument b"],
    [["--", "b"], "unknown argument --"],
    [["--"], "unknown argument --"],
    [["--input"], "--input needs a value"],
    [["--quiet=yes"], "--quiet takes no value"],
  ])("refuses %j: %s", (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it("takes an empty value unless told to refuse it", () => {
    expect(parseCommandLine(["--input="], options).values.input).toBe("");
    expect(refusal(["--input="], { refuseEmptyValues: true })).toBe("--input needs a value");
    expect(refusal(["--input", ""], { refuseEmptyValues: true })).toBe("--input needs a value");
  });

  it("names an unknown argument in the command's words", () => {
    expect(
      refusal(["--nope"], { unknownArgument: (arg: string) => `Unknown argument '${arg}'` }),
    ).toBe("Unknown argument '--nope'");
  });
});

test("refusalText adds the usage only when the command line was at fault", () => {
  expect(refusalText("cmd", new UsageError("unknown argument x"), "Usage: cmd\n")).toBe(
    "cmd: unknown argument x\nUsage: cmd\n",
  );
  expect(refusalText("cmd", new Error("no such file"), "Usage: cmd\n")).toBe("cmd: no such file\n");
  expect(refusalText("cmd", "thrown text", "Usage: cmd\n")).toBe("cmd: thrown text\n");
});
