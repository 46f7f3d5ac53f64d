import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { repositoryRoot } from "./workspace";

export interface CapturedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export interface CapturedProgram {
  registrations: CapturedResource[];
  outputs: Record<string, unknown>;
}

/** Runs the program under mocks in its own process, with the given stack config, and returns its registrations. */
export async function captureProgram(
  programDir: string,
  config: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<CapturedResource[]> {
  return (await captureProgramWithOutputs(programDir, config, env)).registrations;
}

export async function captureProgramWithOutputs(
  programDir: string,
  config: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<CapturedProgram> {
  const runner = path.join(repositoryRoot, "dist", "harness", "captureRunner.js");
  const { stdout } = await promisify(execFile)(process.execPath, [runner, programDir], {
    cwd: programDir,
    env: { ...process.env, ...env, PULUMI_CONFIG: JSON.stringify(config) },
    maxBuffer: 64 * 1024 * 1024,
  });
  const lastLine = stdout.trim().split("\n").pop()!;
  return JSON.parse(lastLine);
}
