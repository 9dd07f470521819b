import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

// Registering sites and naming them. The code is what senders put in events (ingest finds
// the site by it, and registers unknown ones unflagged), so it is never changed here.

export const saveSiteSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter a site code, e.g. east.")
    .max(100, "A site code has at most 100 characters.")
    .regex(/^\S+$/, "A site code has no spaces (it is matched exactly as senders send it)."),
  name: z.string().trim().min(1, "Enter the site's name, e.g. East DC.").max(200, "At most 200 characters."),
});
export type SaveSiteInput = z.infer<typeof saveSiteSchema>;

export interface SavedSite {
  id: number;
  code: string;
  changed: string[];
}

// Creates the site, or registers and renames the one with this code (a site first seen at
// ingest is named after its code until then). No audit row when nothing changes.
export async function saveSite(
  pool: Pool,
  actor: Actor,
  input: SaveSiteInput,
  context: AuditContext = {},
): Promise<SavedSite> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number; name: string; registered: boolean }>(
      `SELECT id, name, registered FROM sites WHERE code = $1 FOR UPDATE`,
      [input.code],
    );
    const current = rows[0];
    if (current) {
      const changed = [...(current.name !== input.name ? ["name"] : []), ...(current.registered ? [] : ["registered"])];
      if (changed.length === 0) return { id: current.id, code: input.code, changed };
      await client.query(`UPDATE sites SET name = $2, registered = true WHERE id = $1`, [current.id, input.name]);
      await writeAuditRow(client, {
        actor: actor.email,
        action: "site.update",
        targetType: "site",
        targetId: String(current.id),
        before: { code: input.code, name: current.name, registered: current.registered },
        after: { code: input.code, name: input.name, registered: true },
        ip: context.ip,
      });
      return { id: current.id, code: input.code, changed };
    }
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO sites (code, name, registered) VALUES ($1, $2, true) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [input.code, input.name],
    );
    const id = inserted.rows[0]?.id;
    // Ingest registered it between the two statements: the caller may simply run it again.
    if (id === undefined) throw new AppError(409, `The site ${input.code} was just added by ingest; apply again.`);
    await writeAuditRow(client, {
      actor: actor.email,
      action: "site.create",
      targetType: "site",
      targetId: String(id),
      after: { code: input.code, name: input.name, registered: true },
      ip: context.ip,
    });
    return { id, code: input.code, changed: ["code", "name"] };
  });
}
