import type { Logger } from "../../provider/client/logger";

export interface LogEntry {
  severity: "debug" | "warning";
  message: string;
  /** Set when the warning was on a resource. */
  urn?: string;
}

/** A Logger that keeps what it is told, in order, for tests to assert exactly. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(message: string): void {
    this.entries.push({ severity: "debug", message });
  }

  warn(message: string, urn?: string): void {
    this.entries.push(
      urn === undefined ? { severity: "warning", message } : { severity: "warning", message, urn },
    );
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  /** The debug lines, in order. */
  debugLines(): string[] {
    return this.entries.filter((e) => e.severity === "debug").map((e) => e.message);
  }

  /** The warnings' messages, in order. */
  warnings(): string[] {
    return this.entries.filter((e) => e.severity === "warning").map((e) => e.message);
  }
}
