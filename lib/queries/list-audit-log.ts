import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

// The audit log, newest first, filtered by person, action and time, with keyset (cursor)
// pagination by (at, id). Shared by the audit page and its CSV export.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

// "2026-11-02", "2026-11-02 09:30" or "2026-11-02T09:30", with optional seconds, milliseconds
// and offset. Without an offset the time is UTC, as shown on screen.
const TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

interface TimeBound {
  start: Date;
  // The end of the unit written: a day, a minute, a second or a millisecond. "to 10:00"
  // includes 10:00:59, "to 2026-11-02" the whole day.
  end: Date;
}

function parseTimeBound(value: string): TimeBound | null {
  const m = TIME.exec(value);
  if (!m) return null;
  const [, date, hm, sec, ms, zone] = m;
  const start = new Date(hm ? `${date}T${hm}${sec ?? ""}${zone ?? "Z"}` : `${date}T00:00Z`);
  if (Number.isNaN(start.getTime())) return null;
  const unitMs = !hm ? 86_400_000 : !sec ? 60_000 : !ms ? 1000 : 1;
  return { start, end: new Date(start.getTime() + unitMs) };
}

const optionalTime = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const bound = parseTimeBound(v);
    if (!bound) {
      ctx.addIssue({
        code: "custom",
        message: "Use a date (2026-11-02) or a date and time (2026-11-02 09:30), in UTC.",
      });
      return z.NEVER;
    }
    return bound;
  });

export const AUDIT_ACTOR_MATCHES = ["contains", "exact"] as const;

export const auditFilterSchema = z
  .object({
    actor: optionalText(320),
    match: z
      .enum(AUDIT_ACTOR_MATCHES)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    action: optionalText(100),
    from: optionalTime,
    to: optionalTime,
    cursor: optionalText(200),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((f) => !f.from || !f.to || f.from.start < f.to.end, { message: "'From' must be before 'to'.", path: ["to"] });

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export class InvalidAuditCursorError extends Error {}

export async function listAuditLog(prisma: PrismaClient, filter: AuditFilter): Promise<AuditPage> {
  const after = filter.cursor ? decodeAuditCursor(filter.cursor) : null;
  const rows = await selectPage(prisma, filter, after, filter.limit + 1);
  const entries = rows.slice(0, filter.limit);
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > filter.limit && last ? encodeAuditCursor(last.at, last.id) : null };
}

// Every matching entry up to `max`, newest first, read in keyset batches so an export
// of many rows holds neither one huge result nor a long-running query.
export async function* exportAuditLog(
  prisma: PrismaClient,
  filter: AuditFilter,
  max: number,
  batchSize = 1000,
): AsyncGenerator<AuditEntry[]> {
  let after: { at: Date; id: string } | null = filter.cursor ? decodeAuditCursor(filter.cursor) : null;
  let remaining = max;
  while (remaining > 0) {
    const size = Math.min(batchSize, remaining);
    const batch = await selectPage(prisma, filter, after, size);
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
    remaining -= batch.length;
    const last = batch[batch.length - 1]!;
    after = { at: new Date(last.at), id: last.id };
  }
}

type Row = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

async function selectPage(
  prisma: PrismaClient,
  f: AuditFilter,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<AuditEntry[]> {
  const conditions: Prisma.Sql[] = [];
  if (f.actor) {
    conditions.push(
      f.match === "exact" ? Prisma.sql`actor = ${f.actor}` : Prisma.sql`actor ILIKE ${`%${escapeLike(f.actor)}%`}`,
    );
  }
  if (f.action) conditions.push(Prisma.sql`action = ${f.action}`);
  if (f.from) conditions.push(Prisma.sql`at >= ${f.from.start}`);
  if (f.to) conditions.push(Prisma.sql`at < ${f.to.end}`);
  if (after) conditions.push(Prisma.sql`(at, id) < (${after.at}, ${after.id}::bigint)`);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT id::text AS id, at, actor, action, target_type, target_id, before, after, ip
    FROM audit_log ${where}
    ORDER BY at DESC, id DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function encodeAuditCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

export function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || !/^\d{1,19}$/.test(id) || Number.isNaN(at.getTime()))
    throw new InvalidAuditCursorError("cursor is not one this page returned");
  return { at, id };
}
