import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

// Issue 23's limits for provider/, so that a reader can hold any one piece in their head: no
// function longer than 40 lines, no file longer than 300, no import cycle. Tests are not product;
// generated code would be exempt, and provider/ holds none (the SDKs under sdk/ are generated).
const MAX_FUNCTION_LINES = 40;
const MAX_FILE_LINES = 300;
const ROOT = path.join(__dirname, "..");
const PRODUCT = path.join(ROOT, "provider");

function productFiles(dir: string = PRODUCT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
}

/** A function's name for a message: its declared name, or the variable or property it is assigned to. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText();
  }
  if (ts.isPropertyDeclaration(parent)) return parent.name.getText();
  return "(anonymous)";
}

/** Every function longer than the limit, as `file:line name (N lines)`. */
function longFunctions(file: string): string[] {
  const source = sourceOf(file);
  const found: string[] = [];
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = lineOf(node.getStart(source));
      const lines = lineOf(node.getEnd()) - first + 1;
      if (lines > MAX_FUNCTION_LINES) {
        found.push(
          `${relative(file)}:${first} ${nameOf(node as ts.FunctionLikeDeclaration)} (${lines} lines)`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The product files a file imports (relative imports only), resolved to files. */
function importsOf(file: string): string[] {
  const source = sourceOf(file);
  const targets: string[] = [];
  for (const statement of source.statements) {
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    if (specifier === undefined || !specifier.startsWith(".")) continue;
    const base = path.resolve(path.dirname(file), specifier);
    const resolved = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
    if (resolved !== undefined && resolved.startsWith(PRODUCT)) targets.push(resolved);
  }
  return targets;
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const connect = (file: string) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(member));
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return cycles;
}

describe("provider/ stays readable in pieces", () => {
  const files = productFiles();

  it("finds the product's files", () => {
    expect(files.map(relative)).toContain("provider/resources/account.ts");
  });

  it(`has no file longer than ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file, lines: fs.readFileSync(file, "utf8").split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_FILE_LINES)
      .map(({ file, lines }) => `${relative(file)} (${lines} lines)`);
    expect(long).toEqual([]);
  });

  it(`has no function longer than ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(longFunctions)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(importCycles(files)).toEqual([]);
  });
});
