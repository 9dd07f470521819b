import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { checkPasswordStrength, hashPassword } from "@/lib/auth/passwords";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditedUser, userPassword, userRole, userSites } from "./user-fields";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

// Absent fields stay as they are; an empty password means "keep the current one".
export const updateUserSchema = z.object({
  id: z.coerce.number().int().positive(),
  name: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
  role: userRole.optional(),
  sites: userSites.optional(),
  disabled: z.boolean().optional(),
  password: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(userPassword.optional()),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export interface UpdatedUser {
  id: number;
  changed: string[];
}

type UserRow = { email: string; name: string | null; role: string; sites: string[] | null; disabled_at: Date | null };

// Changes a user's role, sites, name, disabled state or password. Takes effect on the
// user's next request (the actor is read from the database every time). The audit row
// holds the changed fields before and after, and never a password hash.
export async function updateUser(
  pool: Pool,
  actor: Actor,
  input: UpdateUserInput,
  context: AuditContext = {},
): Promise<UpdatedUser> {
  if (input.id === actor.userId) {
    if (input.disabled === true) throw new AppError(400, "You cannot disable your own account.");
    if (input.role && !can(input.role, "admin:users"))
      throw new AppError(400, "You cannot take away your own admin role; ask another admin.");
  }
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const weak = checkPasswordStrength(input.password);
    if (weak) throw new AppError(400, weak);
    passwordHash = await hashPassword(input.password);
  }

  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<UserRow>(
      `SELECT email, name, role, sites, disabled_at FROM users WHERE id = $1 FOR UPDATE`,
      [input.id],
    );
    const row = rows[0];
    if (!row) throw new AppError(404, "There is no user with this id.");
    const current: AuditedUser = {
      email: row.email,
      name: row.name,
      role: row.role,
      sites: [...(row.sites ?? [])].sort(),
      disabled: row.disabled_at !== null,
    };
    const next: AuditedUser = {
      ...current,
      name: input.name === undefined ? current.name : input.name,
      role: input.role ?? current.role,
      sites: input.sites ?? current.sites,
      disabled: input.disabled ?? current.disabled,
    };
    const fields = (["name", "role", "sites", "disabled"] as const).filter(
      (f) => JSON.stringify(current[f]) !== JSON.stringify(next[f]),
    );
    const changed: string[] = passwordHash ? [...fields, "password"] : [...fields];
    if (changed.length === 0) return { id: input.id, changed };

    await client.query(
      `UPDATE users SET name = $2, role = $3, sites = $4,
         disabled_at = CASE WHEN NOT $5::boolean THEN NULL ELSE COALESCE(disabled_at, now()) END,
         password_hash = COALESCE($6, password_hash)
       WHERE id = $1`,
      [input.id, next.name, next.role, next.sites, next.disabled, passwordHash],
    );
    // The email is repeated on both sides so each row reads on its own in the audit page.
    const before: Record<string, unknown> = { email: current.email };
    const after: Record<string, unknown> = { email: current.email };
    for (const field of fields) {
      before[field] = current[field];
      after[field] = next[field];
    }
    if (passwordHash) after.passwordChanged = true;
    await writeAuditRow(client, {
      actor: actor.email,
      action: "user.update",
      targetType: "user",
      targetId: String(input.id),
      before,
      after,
      ip: context.ip,
    });
    return { id: input.id, changed };
  });
}
