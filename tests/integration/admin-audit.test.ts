import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createUserAction } from "@/app/admin/users/actions";
import { GET as exportAudit } from "@/app/api/admin/audit/export/route";
import { ROLES } from "@/lib/auth/permissions";
import { csvCell } from "@/lib/csv/csv";
import { listAuditActions } from "@/lib/queries/list-audit-actions";
import { type AuditFilter, auditFilterSchema, listAuditLog } from "@/lib/queries/list-audit-log";
import { useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const db = useTestDatabase();
const { signIn: signInAsRole } = useRoleUsers(db);

// A fixed history, as sign-in, replay and admin features would have written it.
const HISTORY = [
  {
    at: "2026-11-01T08:00:00.000Z",
    actor: "ana@example.com",
    action: "auth.signin_failed",
    target: "ana@example.com",
    after: { reason: "wrong password" },
    ip: "10.0.0.1",
  },
  {
    at: "2026-11-01T09:15:00.000Z",
    actor: "ben@example.com",
    action: "transaction.replay",
    target: "TX-1",
    after: { outcome: "succeeded" },
  },
  {
    at: "2026-11-02T10:00:00.000Z",
    actor: "ana@example.com",
    action: "transaction.replay",
    target: "TX-2",
    after: { outcome: "failed" },
  },
  {
    at: "2026-11-02T10:00:00.000Z",
    actor: "ana@example.com",
    action: "transaction.payload_edit",
    target: "TX-2",
    before: { qty: 1 },
    after: { qty: 2 },
  },
  { at: "2026-11-02T10:00:30.000Z", actor: "Anabel@Example.com", action: "transaction.resolve", target: "TX-3" },
  {
    at: "2026-11-03T12:00:00.000Z",
    actor: "100%_sure@example.com",
    action: "user.update",
    target: "7",
    before: { role: "viewer" },
    after: { role: "finance" },
  },
  // What a hostile value looks like: a formula, and a note with a comma, a quote and a newline.
  {
    at: "2026-11-04T00:00:00.000Z",
    actor: '=HYPERLINK("http://evil","x")',
    action: "auth.signin_failed",
    target: 'SHP-9, "rush"\nsecond line',
    after: { note: "-2+3" },
    ip: "@10.0.0.9",
  },
];

beforeAll(async () => {
  for (const h of HISTORY) {
    await db.pool.query(
      `INSERT INTO audit_log (at, actor, action, target_type, target_id, before, after, ip) VALUES ($1, $2, $3, 'x', $4, $5, $6, $7)`,
      [
        h.at,
        h.actor,
        h.action,
        h.target,
        "before" in h ? JSON.stringify(h.before) : null,
        "after" in h ? JSON.stringify(h.after) : null,
        h.ip ?? null,
      ],
    );
  }
});
beforeEach(() => signInAsRole("admin"));

const filter = (raw: Record<string, string | number>): AuditFilter => auditFilterSchema.parse(raw);
const targets = async (raw: Record<string, string | number>) =>
  (await listAuditLog(db.prisma, filter(raw))).entries.map((e) => e.targetId);

describe("audit log list", () => {
  it("lists newest first, ties broken by id", async () => {
    expect(await targets({})).toEqual([
      'SHP-9, "rush"\nsecond line',
      "7",
      "TX-3",
      "TX-2",
      "TX-2",
      "TX-1",
      "ana@example.com",
    ]);
    const [payloadEdit, replay] = (await listAuditLog(db.prisma, filter({ action: "" }))).entries.slice(3, 5);
    expect([payloadEdit!.action, replay!.action]).toEqual(["transaction.payload_edit", "transaction.replay"]);
    expect(payloadEdit).toMatchObject({ before: { qty: 1 }, after: { qty: 2 }, at: "2026-11-02T10:00:00.000Z" });
  });

  it("filters by person: contains (case-insensitive, wildcards literal) or exact", async () => {
    expect(await targets({ actor: "ana" })).toEqual(["TX-3", "TX-2", "TX-2", "ana@example.com"]);
    expect(await targets({ actor: "ana@example.com", match: "exact" })).toEqual(["TX-2", "TX-2", "ana@example.com"]);
    expect(await targets({ actor: "ANA@EXAMPLE.COM", match: "exact" })).toEqual([]);
    expect(await targets({ actor: "100%_" })).toEqual(["7"]);
    expect(await targets({ actor: "%" })).toEqual(["7"]);
  });

  it("filters by action and time range, in UTC, with 'to' covering the unit written", async () => {
    expect(await targets({ action: "transaction.replay" })).toEqual(["TX-2", "TX-1"]);
    expect(await targets({ from: "2026-11-02", to: "2026-11-02" })).toEqual(["TX-3", "TX-2", "TX-2"]);
    expect(await targets({ from: "2026-11-02T10:00", to: "2026-11-02T10:00" })).toEqual(["TX-3", "TX-2", "TX-2"]);
    expect(await targets({ from: "2026-11-02T10:00:01Z" })).toEqual(['SHP-9, "rush"\nsecond line', "7", "TX-3"]);
    expect(await targets({ to: "2026-11-01T09:15:00.000Z" })).toEqual(["TX-1", "ana@example.com"]);
    expect(await targets({ from: "2026-11-02T11:00+01:00", to: "2026-11-02T10:00:00Z" })).toEqual(["TX-2", "TX-2"]);
    expect(await targets({ actor: "ana", action: "transaction.replay", from: "2026-11-02" })).toEqual(["TX-2"]);
  });

  it("refuses malformed or reversed times", () => {
    expect(auditFilterSchema.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-11-03", to: "2026-11-02" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ match: "regex" }).success).toBe(false);
  });

  it("pages with a cursor, without gaps or repeats, including across equal times", async () => {
    const all = (await listAuditLog(db.prisma, filter({}))).entries.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listAuditLog(db.prisma, filter({ limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.entries.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(all).toHaveLength(HISTORY.length);
    await expect(listAuditLog(db.prisma, filter({ cursor: "bm90LWEtY3Vyc29y" }))).rejects.toThrow(/cursor/);
  });

  it("offers the known actions and every recorded one in the action filter", async () => {
    const actions = await listAuditActions(db.prisma);
    expect(actions).toEqual(
      expect.arrayContaining([
        "api_key.revoke",
        "redaction_rule.add",
        "transaction.replay",
        "transaction.payload_edit",
        "transaction.resolve",
      ]),
    );
    expect(actions).toEqual([...actions].sort());
    expect(new Set(actions).size).toBe(actions.length);
  });

  it("shows admin changes made through the actions with the actor's email", async () => {
    const res = await createUserAction({
      email: "fresh@example.com",
      role: "viewer",
      sites: [],
      password: "correct horse battery staple",
    });
    expect(res.ok).toBe(true);
    const page = await listAuditLog(
      db.prisma,
      filter({ actor: "admin@example.com", match: "exact", action: "user.create" }),
    );
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      actor: "admin@example.com",
      action: "user.create",
      targetType: "user",
      after: { email: "fresh@example.com", role: "viewer" },
    });
  });
});

// A strict RFC 4180 reader, to check the export round-trips.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

async function exportCsv(query: Record<string, string> = {}) {
  const res = await exportAudit(
    new Request(`http://crossdock.test/api/admin/audit/export?${new URLSearchParams(query)}`),
  );
  return { res, text: await res.text() };
}

describe("GET /api/admin/audit/export", () => {
  it("downloads the filtered log as CSV", async () => {
    const { res, text } = await exportCsv({ actor: "ana", match: "contains", action: "transaction.replay" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="crossdock-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "id",
      "time_utc",
      "person",
      "action",
      "target_type",
      "target_id",
      "before",
      "after",
      "ip",
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[5], r[7]])).toEqual([
      ["2026-11-02T10:00:00.000Z", "ana@example.com", "transaction.replay", "TX-2", '{"outcome":"failed"}'],
    ]);
  });

  it("quotes commas, quotes and newlines, and neutralises formulas", async () => {
    const { text } = await exportCsv({ from: "2026-11-04", to: "2026-11-04" });
    expect(text).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
    expect(text).toContain(`,"SHP-9, ""rush""\nsecond line",`);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([
      expect.stringMatching(/^\d+$/),
      "2026-11-04T00:00:00.000Z",
      `'=HYPERLINK("http://evil","x")`,
      "auth.signin_failed",
      "x",
      'SHP-9, "rush"\nsecond line',
      "",
      '{"note":"-2+3"}',
      "'@10.0.0.9",
    ]);

    const raw = await exportCsv({ actor: "ana@example.com", match: "exact", action: "transaction.payload_edit" });
    const edit = parseCsv(raw.text)[1]!;
    expect(JSON.parse(edit[6]!)).toEqual({ qty: 1 });
    expect(JSON.parse(edit[7]!)).toEqual({ qty: 2 });
  });

  it("neutralises every formula trigger and leaves other cells alone", () => {
    expect(["=1+1", "+1", "-1", "@x", "\tx", "\rx"].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      `"'\rx"`,
    ]);
    expect([null, undefined, "", "plain", "a=b", { a: 1 }].map(csvCell)).toEqual([
      "",
      "",
      "",
      "plain",
      "a=b",
      `"{""a"":1}"`,
    ]);
  });

  it("exports everything, newest first, ignoring a page cursor", async () => {
    const { text } = await exportCsv({ cursor: "whatever", limit: "1" });
    const rows = parseCsv(text).slice(1);
    const total = (await db.pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
    expect(rows).toHaveLength(total);
    expect(rows.map((r) => r[1])).toEqual([...rows.map((r) => r[1]!)].sort().reverse());
  });

  it("answers 400 for invalid filters", async () => {
    const { res, text } = await exportCsv({ from: "last tuesday" });
    expect(res.status).toBe(400);
    expect(JSON.parse(text).error.fields).toHaveProperty("from");
  });

  it("answers 403 to other roles and 401 when signed out, as JSON", async () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      signInAsRole(role);
      const { res, text } = await exportCsv();
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(text).not.toContain("auth.signin_failed");
    }
    signInAsRole(null);
    const { res } = await exportCsv();
    expect(res.status).toBe(401);
  });
});
