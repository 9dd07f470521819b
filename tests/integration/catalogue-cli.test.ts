import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CATALOGUE_FILE } from "@/lib/services/seed-catalogue";
import { setTestSecretKey } from "../helpers/secret-key";
import { useTestDatabase } from "../helpers/test-database";

// The two commands as an operator runs them, each its own process on the test database:
// a dry run, the apply, a second apply, export and re-apply, and a file with a mistake.

const run = promisify(execFile);
const db = useTestDatabase();
let dir: string;

beforeAll(async () => {
  setTestSecretKey();
  dir = await mkdtemp(path.join(tmpdir(), "catalogue-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function cli(script: string, args: string[]) {
  return run("node_modules/.bin/tsx", [script, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      CROSSDOCK_DEMO_ALERT_URL: "https://alerts.example.com/demo-console",
      USER: "ops",
    },
  });
}

const sites = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM sites`)).rows[0].n;

describe("npm run catalogue:apply and catalogue:export", () => {
  it("dry-runs, applies, applies again without a change, and round-trips an export", async () => {
    const dry = await cli("scripts/catalogue-apply.ts", [DEMO_CATALOGUE_FILE, "--dry-run"]);
    expect(dry.stdout).toContain("+ site south\n    name: South DC (legacy WMS, CSV batches)\n");
    expect(dry.stdout).toMatch(/Dry run: \d+ changes not applied\./);
    expect(await sites()).toBe(0);

    const applied = await cli("scripts/catalogue-apply.ts", [DEMO_CATALOGUE_FILE]);
    expect(applied.stdout).toMatch(/Applied \d+ changes\./);
    expect(await sites()).toBe(3);
    const { rows } = await db.pool.query(`SELECT DISTINCT actor FROM audit_log`);
    expect(rows).toEqual([{ actor: "cli:ops catalogue:apply demo.yaml" }]);

    const again = await cli("scripts/catalogue-apply.ts", [DEMO_CATALOGUE_FILE]);
    expect(again.stdout.trim()).toBe("No changes: the database already matches the file.");

    const exported = path.join(dir, "exported.yaml");
    await cli("scripts/catalogue-export.ts", [exported]);
    expect(await readFile(exported, "utf8")).toContain("site_slas:\n      south: 270");
    const reapplied = await cli("scripts/catalogue-apply.ts", [exported]);
    expect(reapplied.stdout.trim()).toBe("No changes: the database already matches the file.");
  }, 240_000); // five processes, each starting tsx (10-20 s on a busy 2-core machine)

  it("refuses a file with a mistake, naming file, line and field, with exit code 1", async () => {
    const bad = path.join(dir, "bad.yaml");
    await writeFile(bad, "workflows:\n  - name: returns\n    sla_minutes: -5\n");
    const error = await cli("scripts/catalogue-apply.ts", [bad]).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        "bad.yaml:3:18 workflows[0].sla_minutes: The SLA is between 1 and 100,000 minutes.",
      ),
    });
  }, 60_000);
});
