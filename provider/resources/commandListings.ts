import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ListedNumbers } from "../client";

/** One unfiltered tel_list_numbers answer, with when it was asked for and answered (epoch ms). */
export interface CommandListing {
  askedAt: number;
  answeredAt: number;
  listed: ListedNumbers;
}

/**
 * The account's listings seen by the provider processes of one `pulumi` command. A `pulumi refresh`
 * without --skip-preview (and `pulumi up --refresh`) runs a preview and then the update, each with
 * its own provider process, and both read every resource: without this, each process asks Aculab
 * for the same listing seconds apart. The update reads what the preview read, which is also what
 * the user was shown and agreed to.
 */
export interface CommandListings {
  /** The two listings asked for last by the command's processes, oldest first. */
  load(): CommandListing[];
  record(listing: CommandListing): void;
}

/** In memory: tests give two NumberAccounts (two "processes") the same one. */
export function memoryCommandListings(): CommandListings {
  let kept: CommandListing[] = [];
  return {
    load: () => [...kept],
    record(listing) {
      kept = lastTwo([...kept, listing]);
    },
  };
}

const lastTwo = (listings: CommandListing[]) =>
  [...listings].sort((a, b) => a.askedAt - b.askedAt).slice(-2);

/** Files older than this are some earlier command's, never read again: removed when a store opens. */
const STALE_FILE_MS = 86_400_000;

/**
 * A file per command and account in a folder only this user can read (the listing names the
 * account's numbers and prices), written whole and renamed so a reader never sees half of it.
 * `command` identifies the `pulumi` process both provider processes run under; `account` is the
 * account's identity (its credentials are hashed into the file name, never written).
 */
export function fileCommandListings(
  command: string,
  account: string,
  folder = path.join(os.tmpdir(), `pulumi-aculab-${process.getuid?.() ?? "user"}`),
): CommandListings {
  const name = createHash("sha256")
    .update(JSON.stringify([command, account]))
    .digest("hex");
  const file = path.join(folder, `listing-${name.slice(0, 32)}.json`);
  let prepared = false;
  const load = () => loadListings(folder, file);
  return {
    load,
    record(listing) {
      try {
        if (!prepared) {
          prepared = true;
          prepareFolder(folder);
        }
        if (!ownFolder(folder)) return;
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(lastTwo([...load(), listing])), {
          mode: 0o600,
        });
        fs.renameSync(temporary, file);
      } catch {
        // Sharing saves a call; failing to share costs one, never correctness.
      }
    },
  };
}

/** Makes the folder (only this user may enter it) and removes earlier commands' stale files. */
function prepareFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!ownFolder(folder)) return;
  const now = Date.now();
  for (const entry of fs.readdirSync(folder)) {
    const stale = path.join(folder, entry);
    try {
      if (now - fs.statSync(stale).mtimeMs > STALE_FILE_MS) fs.rmSync(stale, { force: true });
    } catch {
      // Another command's cleanup got there first.
    }
  }
}

function loadListings(folder: string, file: string): CommandListing[] {
  // A listing read here can drop numbers from state, so only a folder no one else can write counts.
  if (!ownFolder(folder)) return [];
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return Array.isArray(parsed) ? (parsed as CommandListing[]) : [];
  } catch {
    // None yet (the command's first process), or unreadable: the process lists for itself.
    return [];
  }
}

/**
 * The folder is a real directory (not a link) of this user that no one else may enter: in a shared
 * temporary folder another user could create it first, and a listing planted there would tell a
 * refresh that numbers are gone.
 */
export function ownFolder(folder: string): boolean {
  try {
    const stat = fs.lstatSync(folder);
    const uid = process.getuid?.();
    return (
      stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0
    );
  } catch {
    return false;
  }
}

/**
 * The `pulumi` process this provider runs under, as "pid:start time", or undefined where that
 * cannot be told. The dynamic provider's launcher is a shell script that starts node without
 * exec, so the CLI is the grandparent there and the parent for the plugin. Linux only: /proc gives
 * each ancestor's name and start time (a pid alone may be reused by a later command).
 */
export function pulumiCommandId(pid = process.ppid, proc = "/proc"): string | undefined {
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    let stat: string;
    try {
      stat = fs.readFileSync(path.join(proc, String(pid), "stat"), "utf8");
    } catch {
      return undefined;
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ")".
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat
      .slice(close + 2)
      .trim()
      .split(/\s+/);
    // fields[0] is the state (field 3 of stat), so field n is fields[n - 3].
    if (comm === "pulumi") return `${pid}:${fields[22 - 3]}`;
    pid = Number(fields[4 - 3]);
  }
  return undefined;
}
