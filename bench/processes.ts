import * as fs from "node:fs";

/** What one process of a command is, from its command line. */
export type ProcessRole =
  "provider host" | "plugin" | "program" | "language host" | "cli" | "other";

export function roleOf(cmdline: string): ProcessRole {
  // pulumi-resource-pulumi-nodejs is a shell script that runs node on this script.
  if (cmdline.includes("cmd/dynamic-provider")) return "provider host";
  // The native plugin, the single executable (or the launcher run by node): the plugin door's
  // provider process, in the place the dynamic door's host has.
  if (cmdline.includes("pulumi-resource-aculab")) return "plugin";
  if (cmdline.includes("cmd/run")) return "program";
  if (cmdline.includes("pulumi-language-nodejs")) return "language host";
  if (/(^|\/)pulumi\0/.test(cmdline)) return "cli";
  return "other";
}

interface ProcInfo {
  ppid: number;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

function rssKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

/** Every live process below `root` (not `root` itself). */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const info = readProc(pid);
    if (!info) continue;
    const list = children.get(info.ppid) ?? [];
    list.push(pid);
    children.set(info.ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Samples the resident memory of a command's processes every `intervalMs` until stopped, and keeps
 * each role's peak: the sum over its processes at one sample (a command starts one provider host
 * per provider, so the floor and our program each have one).
 */
export class RssSampler {
  private readonly peaks = new Map<ProcessRole, number>();
  private readonly roles = new Map<number, ProcessRole>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  /** Stops sampling; peak resident memory in kB per role seen. */
  stop(): Map<ProcessRole, number> {
    clearInterval(this.timer);
    return this.peaks;
  }

  private sample(): void {
    const sums = new Map<ProcessRole, number>();
    for (const pid of descendantsOf(this.root)) {
      let role = this.roles.get(pid);
      if (role === undefined || role === "other") {
        // A fresh process may not have exec'd yet: ask again next time while it looks like "other".
        role = roleOf(cmdlineOf(pid));
        this.roles.set(pid, role);
      }
      const rss = rssKb(pid);
      sums.set(role, (sums.get(role) ?? 0) + rss);
    }
    sums.set("cli", (sums.get("cli") ?? 0) + rssKb(this.root));
    for (const [role, sum] of sums) {
      if (sum > (this.peaks.get(role) ?? 0)) this.peaks.set(role, sum);
    }
  }
}
