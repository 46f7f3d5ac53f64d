import { CLI_BIN_ENV, installCli } from "./cli";

export default function globalSetup(): void {
  process.env[CLI_BIN_ENV] = installCli();
}
