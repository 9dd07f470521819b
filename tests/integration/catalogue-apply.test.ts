import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { applyCatalogue } from "@/lib/catalogue/apply-catalogue";
import { describePlan } from "@/lib/catalogue/describe-plan";
import { CatalogueFileError, parseCatalogueFile } from "@/lib/catalogue/parse-catalogue-file";
import { readCatalogue } from "@/lib/catalogue/read-catalogue";
import { toCatalogueFile, writeCatalogueFile } from "@/lib/catalogue/write-catalogue-file";
import { applyDemoCatalogue, DEMO_CATALOGUE_FILE } from "@/lib/services/seed-catalogue";
import { testActor } from "../helpers/actors";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// `npm run catalogue:apply`: the demo's catalogue file applied to an empty database through
// the admin services (audited, naming the file), applied again and exported and re-applied
// without a change; a dry run that changes nothing; bad files refused with line and field.

const db = useTestDatabase();
const actor: Actor = testActor("admin", { email: "cli:ops catalogue:apply demo.yaml" });
const demoText = readFileSync(DEMO_CATALOGUE_FILE, "utf8");
// The demo's alert channel takes its URL from the environment (the demo's console receiver).
const demoEnv = { CROSSDOCK_DEMO_ALERT_URL: "https://alerts.example.com/demo-console" };
setTestSecretKey();

const counts = async () =>
  (
    await db.pool.query(
      `SELECT (SELECT count(*)::int FROM sites) AS sites, (SELECT count(*)::int FROM systems) AS systems,
              (SELECT count(*)::int FROM workflows) AS workflows, (SELECT count(*)::int FROM workflow_site_slas) AS site_slas,
              (SELECT count(*)::int FROM audit_log) AS audit`,
    )
  ).rows[0];

const problemsOf = async (text: string) => {
  const error = await applyCatalogue(db.pool, "bad.yaml", text, { actor }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogueFileError);
  return (error as CatalogueFileError).problems;
};

describe("catalogue:apply", () => {
  it("creates the demo catalogue through the audited services, and a second apply changes nothing", async () => {
    const first = await applyDemoCatalogue(db.pool, actor, demoEnv);
    expect(first.applied).toBe(true);
    expect(first.plan.changes.filter((c) => c.action === "create").map((c) => `${c.kind} ${c.key}`)).toEqual(
      expect.arrayContaining(["site south", "system wms-legacy-south", "workflow shipment_confirmation"]),
    );
    expect(await counts()).toMatchObject({ sites: 3, systems: 8, workflows: 10, site_slas: 10 });
    const { rows: audit } = await db.pool.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE actor = $1 GROUP BY action ORDER BY action`,
      [actor.email],
    );
    expect(audit).toEqual([
      { action: "alert_channel.create", n: 1 },
      { action: "alert_rule.create", n: 1 },
      { action: "site.create", n: 3 },
      { action: "system.create", n: 8 },
      { action: "workflow.create", n: 10 },
    ]);
    const { rows: south } = await db.pool.query(
      `SELECT w.name, o.sla_minutes FROM workflow_site_slas o JOIN workflows w ON w.id = o.workflow_id
       JOIN sites s ON s.id = o.site_id WHERE s.code = 'south' AND w.name IN ('shipment_confirmation', 'invoice_posting') ORDER BY 1`,
    );
    expect(south).toEqual([
      { name: "invoice_posting", sla_minutes: 300 },
      { name: "shipment_confirmation", sla_minutes: 270 },
    ]);

    const before = await counts();
    const second = await applyDemoCatalogue(db.pool, actor, demoEnv);
    expect(second).toMatchObject({ applied: false, plan: { changes: [] } });
    expect(describePlan(second.plan)[0]).toBe("No changes: the database already matches the file.");
    expect(await counts()).toEqual(before);
  });

  it("exports a file that applies without a change and says the same as the demo file", async () => {
    const exported = writeCatalogueFile(await readCatalogue(db.pool));
    const ours = parseCatalogueFile("export.yaml", exported).catalogue;
    const demo = parseCatalogueFile("demo.yaml", demoText).catalogue;
    const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(ours.workflows)).toEqual(byName(demo.workflows));
    expect(ours.sites.map((s) => s.code).sort()).toEqual(["central", "east", "south"]);
    // Systems are exported with their replay settings' defaults, which the demo file leaves out.
    expect(byName(ours.systems).map((s) => [s.name, s.kind, s.site ?? null])).toEqual(
      byName(demo.systems).map((s) => [s.name, s.kind, s.site ?? null]),
    );
    const before = await counts();
    const result = await applyCatalogue(db.pool, "export.yaml", exported, { actor });
    expect(result).toMatchObject({ applied: false, plan: { changes: [], notInFile: [] } });
    expect(await counts()).toEqual(before);
  });

  it("shows but does not make the changes of a dry run, then makes exactly those", async () => {
    const changed = demoText
      .replace("sla_minutes: 20\n    site_slas: { south: 270 }", "sla_minutes: 25\n    site_slas: { south: 240 }")
      .replace("sites:\n", "sites:\n  - code: west\n    name: West DC\n");
    const before = await counts();
    const dry = await applyCatalogue(db.pool, "demo.yaml", changed, { actor, dryRun: true, env: demoEnv });
    expect(dry.applied).toBe(false);
    expect(describePlan(dry.plan)).toEqual([
      "+ site west",
      "    name: West DC",
      "~ workflow shipment_confirmation",
      "    sla_minutes: 20 -> 25",
      '    site_slas: {"south":270} -> {"south":240}',
    ]);
    expect(await counts()).toEqual(before);
    const { rows } = await db.pool.query(`SELECT sla_minutes FROM workflows WHERE name = 'shipment_confirmation'`);
    expect(rows[0]).toEqual({ sla_minutes: 20 });

    const real = await applyCatalogue(db.pool, "demo.yaml", changed, { actor, env: demoEnv });
    expect(real.plan.changes).toEqual(dry.plan.changes);
    expect(await counts()).toMatchObject({ sites: 4, audit: before.audit + 2 });
    expect((await applyCatalogue(db.pool, "demo.yaml", changed, { actor, env: demoEnv })).plan.changes).toEqual([]);
  });

  it("leaves what the file does not list, and names it", async () => {
    const onlySites = "sites:\n  - code: east\n    name: East DC (modern WMS, APIs)\n";
    const result = await applyCatalogue(db.pool, "sites.yaml", onlySites, { actor, dryRun: false });
    expect(result.plan.changes).toEqual([]);
    expect(result.plan.notInFile).toEqual(
      expect.arrayContaining([
        { kind: "site", key: "west" },
        { kind: "system", key: "erp-cloud" },
        { kind: "workflow", key: "returns" },
      ]),
    );
    expect(await counts()).toMatchObject({ sites: 4, systems: 8, workflows: 10 });
  });

  it("takes a replay auth header from the environment, never from the file, and never exports it", async () => {
    const file = (variable: string) =>
      `systems:\n  - name: middleware\n    kind: middleware\n    replay_endpoint: https://mule.example.com/replay\n    replay_auth_header_env: ${variable}\n`;
    const problems = await problemsOf(file("CATALOGUE_TEST_UNSET"));
    expect(problems).toEqual([
      {
        line: 5,
        column: 29,
        field: "systems[0].replay_auth_header_env",
        message: "The environment variable CATALOGUE_TEST_UNSET is not set; it holds the replay auth header.",
      },
    ]);
    const env = { MULE_AUTH: "Bearer s3cret-token" };
    const applied = await applyCatalogue(db.pool, "mule.yaml", file("MULE_AUTH"), { actor, env });
    expect(describePlan(applied.plan).slice(0, 3)).toEqual([
      "~ system middleware",
      "    replay_endpoint: (none) -> https://mule.example.com/replay",
      "    replay_auth_header: (none) -> (from $MULE_AUTH)",
    ]);
    const { rows } = await db.pool.query(`SELECT replay_auth_header FROM systems WHERE name = 'middleware'`);
    expect(rows[0].replay_auth_header).toMatch(/\S/);
    expect(rows[0].replay_auth_header).not.toContain("s3cret");
    expect((await applyCatalogue(db.pool, "mule.yaml", file("MULE_AUTH"), { actor, env })).plan.changes).toEqual([]);
    const rotated = await applyCatalogue(db.pool, "mule.yaml", file("MULE_AUTH"), {
      actor,
      env: { MULE_AUTH: "Bearer rotated" },
    });
    expect(describePlan(rotated.plan)[1]).toBe("    replay_auth_header: (set) -> (from $MULE_AUTH)");
    const exported = writeCatalogueFile(await readCatalogue(db.pool));
    expect(exported).not.toContain("rotated");
    expect(exported).toContain("Replay auth headers are set on middleware");
    expect(toCatalogueFile(await readCatalogue(db.pool)).systems.find((s) => s.name === "middleware")).toEqual({
      name: "middleware",
      kind: "middleware",
      replay_endpoint: "https://mule.example.com/replay",
      replay_timeout_ms: 10000,
      replay_concurrency: 10,
      replay_rate_per_second: 20,
    });
  });
});

describe("alert channels and rules in the file", () => {
  const text = [
    "alert_channels:",
    "  - name: Ops webhook",
    "    kind: webhook",
    "    url_env: OPS_HOOK",
    "alert_rules:",
    "  - name: Returns stuck at south",
    "    kind: stuck_count",
    "    workflow: returns",
    "    site: south",
    "    threshold: 5",
    "    channels: [Ops webhook]",
  ].join("\n");
  const env = { OPS_HOOK: "https://hooks.example.com/T0/secret-token" };

  it("creates them through the alert services, then changes nothing, and exports them without the secret", async () => {
    const since = (await db.pool.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`))
      .rows[0]!.id;
    const first = await applyCatalogue(db.pool, "alerts.yaml", text, { actor, env });
    expect(describePlan(first.plan).slice(0, 9)).toEqual([
      "+ alert channel Ops webhook",
      "    kind: webhook",
      "    url: (from $OPS_HOOK)",
      "+ alert rule Returns stuck at south",
      "    kind: stuck_count",
      "    workflow: returns",
      "    site: south",
      "    threshold: 5",
      '    channels: ["Ops webhook"]',
    ]);
    const { rows } = await db.pool.query(
      `SELECT r.kind, r.threshold::float8 AS threshold, c.name AS channel, c.secret FROM alert_rules r
       JOIN alert_rule_channels rc ON rc.rule_id = r.id JOIN alert_channels c ON c.id = rc.channel_id WHERE r.name = 'Returns stuck at south'`,
    );
    expect(rows).toMatchObject([{ kind: "stuck_count", threshold: 5, channel: "Ops webhook" }]);
    expect(rows[0].secret).not.toContain("secret-token");
    const { rows: audit } = await db.pool.query(
      `SELECT action FROM audit_log WHERE actor = $1 AND id > $2 ORDER BY id`,
      [actor.email, since],
    );
    expect(audit.map((a) => a.action)).toEqual(["alert_channel.create", "alert_rule.create"]);

    expect((await applyCatalogue(db.pool, "alerts.yaml", text, { actor, env })).plan.changes).toEqual([]);
    const exported = writeCatalogueFile(await readCatalogue(db.pool));
    expect(exported).not.toContain("secret-token");
    expect(exported).toContain("Returns stuck at south");
    expect((await applyCatalogue(db.pool, "export.yaml", exported, { actor })).plan.changes).toEqual([]);
  });

  it("refuses a rule that lacks what its kind needs or names a channel that does not exist", async () => {
    const problems = await problemsOf(
      [
        "alert_rules:",
        "  - name: Value at risk",
        "    kind: stuck_value",
        "    workflow: returns",
        "    threshold: 1000",
        "    channels: [Pager]",
      ].join("\n"),
    );
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, "alert_rules[0].currency", "Give the currency the value is counted in, such as USD."],
      [6, "alert_rules[0].channels[0]", "There is no alert channel Pager; list it under alert_channels."],
    ]);
  });
});

describe("a bad catalogue file", () => {
  it("is refused with the line, column and field of each problem, and changes nothing", async () => {
    const before = await counts();
    const text = [
      "sites:", // 1
      "  - code: east", // 2
      "    name: East DC (modern WMS, APIs)", // 3
      "workflows:", // 4
      "  - name: order_release", // 5
      "    sla_minutes: 0", // 6
      "  - name: returns", // 7
      "    ownr: Customer service", // 8
      "    site_slas: { north: 60 }", // 9
      "systems:", // 10
      "  - name: WMS East", // 11
      "    kind: warehouse", // 12
    ].join("\n");
    const problems = await problemsOf(text);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [6, "workflows[0].sla_minutes"],
      [8, "workflows[1].ownr"],
      [11, "systems[0].name"],
      [12, "systems[0].kind"],
    ]);
    expect(problems[0]!.message).toBe("The SLA is between 1 and 100,000 minutes.");
    expect(problems[1]!.message).toMatch(/Unknown field/);
    expect(problems[3]!.message).toMatch(/Choose one of: wms, erp/);
    expect(await counts()).toEqual(before);
  });

  it("names a site or workflow it refers to that does not exist", async () => {
    const problems = await problemsOf(
      [
        "workflows:",
        "  - name: returns",
        "    site_slas: { north: 60 }",
        "cloudevent_types:",
        "  - type: com.acme.Returned",
        "    workflow: returns_v9",
      ].join("\n"),
    );
    expect(problems).toEqual([
      {
        line: 3,
        column: 25,
        field: "workflows[0].site_slas.north",
        message: "There is no site north; list it under sites.",
      },
      {
        line: 6,
        column: 15,
        field: "cloudevent_types[0].workflow",
        message: "There is no workflow returns_v9; list it under workflows.",
      },
    ]);
  });

  it("that is not YAML says where it stops being YAML", async () => {
    const problems = await problemsOf("sites:\n  - code: east\n    name: [East\nworkflows: []\n");
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]!.field).toBe("");
  });

  it("is formatted for the terminal as file:line:column field: message", () => {
    const error = new CatalogueFileError("catalogue.yaml", [
      { line: 6, column: 18, field: "workflows[0].sla_minutes", message: "The SLA is between 1 and 100,000 minutes." },
    ]);
    expect(error.message).toBe(
      "catalogue.yaml:6:18 workflows[0].sla_minutes: The SLA is between 1 and 100,000 minutes.",
    );
  });
});
