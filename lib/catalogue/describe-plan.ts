import type { CatalogueChange, CataloguePlan, EntityKind } from "./plan-catalogue";

// The plan as `catalogue:apply` prints it, one line per entry and one per field:
//   + workflow returns_v2
//       sla_minutes: 120
//   ~ workflow shipment_confirmation
//       site_slas: {} -> {"south":270}
// and what the database has that the file does not list (left as it is).

const LABEL: Record<EntityKind, string> = {
  site: "site",
  system: "system",
  workflow: "workflow",
  cloudevent_type: "CloudEvents type",
  alert_channel: "alert channel",
  alert_rule: "alert rule",
};

export function describePlan(plan: CataloguePlan): string[] {
  const lines = plan.changes.flatMap(describeChange);
  if (lines.length === 0) lines.push("No changes: the database already matches the file.");
  if (plan.notInFile.length > 0)
    lines.push(
      `Not in the file, left as they are: ${plan.notInFile.map((n) => `${LABEL[n.kind]} ${n.key}`).join(", ")}.`,
    );
  return lines;
}

function describeChange(c: CatalogueChange): string[] {
  const head = `${c.action === "create" ? "+" : "~"} ${LABEL[c.kind]} ${c.key}`;
  return [
    head,
    ...c.fields.map((f) =>
      c.action === "create"
        ? `    ${f.field}: ${show(f.after)}`
        : `    ${f.field}: ${show(f.before)} -> ${show(f.after)}`,
    ),
  ];
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  return typeof value === "string" ? value : JSON.stringify(value);
}
