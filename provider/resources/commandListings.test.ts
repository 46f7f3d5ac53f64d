import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileCommandListings, pulumiCommandId } from "./commandListings";

const milton = {
  country: "United Kingdom",
  region: "Milton Keynes",
  didType: "geographic" as const,
};

describe("the command's listings on disk", () => {
  const listing = (askedAt: number) => ({
    askedAt,
    answeredAt: askedAt + 1,
    listed: {
      "441908538001": {
        number: "441908538001",
        ...milton,
        monthlyPrice: 3,
        purchased: "2025-03-14",
      },
    },
  });

  it("a second process of the same command and account reads the last two listings, oldest first; another command or account reads none", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-command-"));
    try {
      const preview = fileCommandListings("4242:1234", "account", folder);
      for (const at of [30, 10, 20]) preview.record(listing(at));
      expect(fileCommandListings("4242:1234", "account", folder).load()).toEqual([
        listing(20),
        listing(30),
      ]);
      expect(fileCommandListings("4242:9999", "account", folder).load()).toEqual([]);
      expect(fileCommandListings("4242:1234", "other", folder).load()).toEqual([]);
      const [file] = fs.readdirSync(folder);
      expect(fs.statSync(path.join(folder, file)).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("a folder others may enter, or a link, is never read or written: a planted listing could drop numbers from state", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-command-"));
    try {
      const open = path.join(parent, "open");
      fs.mkdirSync(open, { mode: 0o700 });
      fileCommandListings("4242:1234", "account", open).record(listing(10));
      const [file] = fs.readdirSync(open);
      fs.chmodSync(open, 0o755);
      expect(fileCommandListings("4242:1234", "account", open).load()).toEqual([]);
      fileCommandListings("4242:1234", "account", open).record(listing(20));
      expect(JSON.parse(fs.readFileSync(path.join(open, file), "utf8"))).toEqual([listing(10)]);

      const link = path.join(parent, "link");
      fs.chmodSync(open, 0o700);
      fs.symlinkSync(open, link);
      expect(fileCommandListings("4242:1234", "account", link).load()).toEqual([]);
      expect(fileCommandListings("4242:1234", "account", open).load()).toEqual([listing(10)]);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it("the pulumi command is the nearest ancestor named pulumi, with its start time", () => {
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-proc-"));
    const stat = (pid: number, comm: string, ppid: number, start: number) => {
      fs.mkdirSync(path.join(proc, String(pid)));
      const fields = ["S", String(ppid), ...Array.from({ length: 17 }, () => "0"), String(start)];
      fs.writeFileSync(
        path.join(proc, String(pid), "stat"),
        `${pid} (${comm}) ${fields.join(" ")} 0 0\n`,
      );
    };
    try {
      stat(300, "sh", 200, 77);
      stat(200, "pulumi", 100, 55);
      stat(100, "bash (login)", 1, 11);
      expect(pulumiCommandId(300, proc)).toBe("200:55");
      expect(pulumiCommandId(100, proc)).toBeUndefined();
      expect(pulumiCommandId(999, proc)).toBeUndefined();
    } finally {
      fs.rmSync(proc, { recursive: true, force: true });
    }
  });
});
