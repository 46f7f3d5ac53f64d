/** A markdown table with padded columns, readable in a terminal and pasteable into docs. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [
    line(header),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.map(line),
  ].join("\n");
}

export const ms = (value: number) => `${Math.round(value)} ms`;

export function describeCalls(calls: Record<string, number>): string {
  const entries = Object.entries(calls).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0
    ? "none"
    : entries.map(([service, count]) => `${service} ${count}`).join(", ");
}

export const totalCalls = (calls: Record<string, number>) =>
  Object.values(calls).reduce((a, b) => a + b, 0);
