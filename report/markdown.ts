import { KNOWN_AFTER_APPLY, locationText, shown, usd } from "./format";
import { Plan, Purchase, purchasedCount, Release, releasedCount, ResourceRef } from "./plan";
import { isHidden } from "./resources";

/** Lets a workflow find and update its earlier comment instead of adding another. */
export const COMMENT_MARKER = "<!-- aculab-preview-report -->";

const resourceCell = (ref: Pick<ResourceRef, "name" | "kind">) => `\`${ref.name}\` ${ref.kind}`;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function countText(count: number | undefined, noun: string): string {
  return count === undefined ? `${noun}s: ${KNOWN_AFTER_APPLY}` : plural(count, noun);
}

function headline(plan: Plan): string {
  if (plan.monthlyCostDelta === undefined) return "## Aculab numbers: monthly cost change unknown";
  const sign = plan.monthlyCostDelta > 0 ? "+" : "";
  return `## Aculab numbers: ${sign}${usd(plan.monthlyCostDelta)} per month`;
}

const locationHas = (purchase: Purchase, hidden: "unknown" | "secret") =>
  Object.values(purchase.location).some((value) => isHidden(value) && value.hidden === hidden);

/** Why a purchase has no cost, in the words of its table cell. */
function missingCost(purchase: Purchase, priced: boolean): string {
  if (typeof purchase.count !== "number" || locationHas(purchase, "unknown")) {
    return KNOWN_AFTER_APPLY;
  }
  // A secret is known, just not to the report: "known after apply" would be untrue.
  if (locationHas(purchase, "secret")) return "unknown: secret location";
  return priced ? "unknown: not in price table" : "unknown: no price table";
}

/** Why the headline cannot give a figure, so that the reader knows what to fix. */
function unknownCostReasons(plan: Plan, priced: boolean): string[] {
  const unpriced = plan.purchases.filter((p) => p.monthlyCost === undefined);
  const uncounted = unpriced.filter((p) => typeof p.count !== "number").length;
  const counted = unpriced.filter((p) => typeof p.count === "number");
  const unlocated = counted.filter((p) => locationHas(p, "unknown")).length;
  const secret = counted.filter(
    (p) => !locationHas(p, "unknown") && locationHas(p, "secret"),
  ).length;
  const unlisted = unpriced.length - uncounted - unlocated - secret;
  const unpricedReleases = plan.releases.filter((r) => r.monthlyCost === undefined).length;
  return [
    unlisted > 0 &&
      (priced
        ? `the price table has no price for ${plural(unlisted, "purchase")}`
        : "no price table was given"),
    uncounted > 0 && `${plural(uncounted, "purchase")} buys a quantity ${KNOWN_AFTER_APPLY}`,
    unlocated > 0 && `${plural(unlocated, "purchase")} has a location ${KNOWN_AFTER_APPLY}`,
    secret > 0 && `${plural(secret, "purchase")} has a secret location`,
    plan.unknownResizes.length > 0 &&
      `${plural(plan.unknownResizes.length, "block")} resizes to a quantity ${KNOWN_AFTER_APPLY}`,
    unpricedReleases > 0 &&
      `state shows no monthlyPrice for ${plural(unpricedReleases, "release")}`,
  ].filter((reason): reason is string => typeof reason === "string");
}

function changeText(item: Purchase | Release): string {
  if (item.resize) {
    const verb = item.reason === "grow" ? "grow" : "shrink";
    return `${verb} ${item.resize.from} → ${item.resize.to}`;
  }
  if (item.reason === "replace" && item.replaceReasons.length > 0) {
    return `replace (${item.replaceReasons.join(", ")})`;
  }
  return item.reason;
}

function purchaseCostCell(purchase: Purchase, priced: boolean): string {
  return purchase.monthlyCost === undefined
    ? missingCost(purchase, priced)
    : usd(purchase.monthlyCost);
}

function purchaseTable(plan: Plan, priced: boolean): string[] {
  if (plan.purchases.length === 0) return [];
  return [
    "### Numbers to buy",
    "",
    "| Resource | Change | Location | Type | Count | Est. monthly cost |",
    "| --- | --- | --- | --- | ---: | ---: |",
    ...plan.purchases.map(
      (p) =>
        `| ${resourceCell(p)} | ${changeText(p)} | ${locationText(p.location)} | ` +
        `${shown(p.location.didType)} | ${shown(p.count)} | ${purchaseCostCell(p, priced)} |`,
    ),
    "",
  ];
}

function releaseRows(release: Release): string[] {
  const perNumber =
    release.monthlyCost === undefined ? undefined : release.monthlyCost / release.numbers.length;
  return release.numbers.map(
    (number) =>
      `| ${shown(number)} | ${resourceCell(release)} | ${changeText(release)} | ` +
      `${perNumber === undefined ? "unknown" : usd(perNumber)} | **yes** |`,
  );
}

function releaseTable(plan: Plan): string[] {
  if (plan.releases.length === 0) return [];
  return [
    "### Numbers to release (irreversible)",
    "",
    "A released number goes back to the carrier; it usually cannot be bought back.",
    "",
    "| Number | Resource | Change | Monthly saving | Irreversible |",
    "| --- | --- | --- | ---: | --- |",
    ...plan.releases.flatMap(releaseRows),
    "",
  ];
}

function sharedTable(plan: Plan): string[] {
  if (plan.sharedNumbers.length === 0) return [];
  return [
    "### Numbers held by more than one resource",
    "",
    "**Fix before merging:** such a number is counted twice, and releasing it for one resource " +
      "(a delete, a replacement, a shrink) takes it from the other. Keep one resource per number.",
    "",
    "| Number | Resources |",
    "| --- | --- |",
    ...plan.sharedNumbers.map(
      (shared) => `| ${shared.number} | ${shared.holders.map(resourceCell).join(", ")} |`,
    ),
    "",
  ];
}

function otherLines(plan: Plan): string[] {
  const lines: string[] = [];
  for (const resize of plan.unknownResizes) {
    lines.push(
      `- ${resourceCell(resize)}: quantity ${resize.from ?? "unknown"} → ${KNOWN_AFTER_APPLY}; ` +
        "it may buy numbers or release the newest ones.",
    );
  }
  if (plan.adoptions.length > 0) {
    const adopted = plan.adoptions.map((a) => `${resourceCell(a)} (${shown(a.number)})`);
    lines.push(`- Adopted without purchase: ${adopted.join(", ")}.`);
  }
  if (plan.updatedInPlace.length > 0) {
    const updated = plan.updatedInPlace.map(resourceCell);
    lines.push(`- Updated in place, no number bought or released: ${updated.join(", ")}.`);
  }
  let unchanged =
    plan.unchanged.length > 0
      ? `- Unchanged: ${plural(plan.unchanged.length, "Aculab resource")} holding ` +
        `${plural(plan.unchangedNumberCount, "number")}.`
      : "- Unchanged: no Aculab resource listed.";
  if (plan.unlistedUnchangedCount > 0) {
    unchanged +=
      ` Pulumi did not list ${plural(plan.unlistedUnchangedCount, "other unchanged resource")};` +
      " run `pulumi preview --json --show-sames` to include them.";
  }
  lines.push(unchanged);
  return lines;
}

function footer(priceSource: string | undefined): string {
  const purchases = priceSource
    ? `Purchase prices come from ${priceSource}`
    : "No price table was given (`--prices <file>` or stack config `aculab:prices`), so purchase prices are unknown";
  return (
    `<sub>${purchases}. Savings use the \`monthlyPrice\` in state; a block's numbers each cost ` +
    "its monthlyPrice divided by its number count. Toll-free per-minute call charges are not " +
    "included. Generated by aculab-preview-report.</sub>"
  );
}

/** The pull-request comment: headline, what is bought, what is released, what stays. */
export function renderMarkdown(plan: Plan, priceSource: string | undefined): string {
  const bought = purchasedCount(plan);
  const released = releasedCount(plan);
  const lines = [COMMENT_MARKER, headline(plan), ""];
  const priced = priceSource !== undefined;
  const costReasons = plan.monthlyCostDelta === undefined ? unknownCostReasons(plan, priced) : [];
  if (costReasons.length > 0) {
    lines.push(`The monthly cost change is unknown: ${costReasons.join("; ")}.`, "");
  }
  lines.push(
    `**Buy:** ${countText(bought, "number")} · ` +
      `**Release (irreversible):** ${countText(released, "number")}`,
    "",
    ...sharedTable(plan),
    ...purchaseTable(plan, priced),
    ...releaseTable(plan),
    ...otherLines(plan),
    "",
    footer(priceSource),
    "",
  );
  return lines.join("\n");
}
