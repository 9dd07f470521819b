import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { checkPasswordStrength, hashPassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";
import { inTransaction } from "../postgres/in-transaction";
import { type AuditedUser, userEmail, userName, userPassword, userRole, userSites } from "./user-fields";
import { type AuditContext, writeAuditRow } from "./write-audit-row";

export const createUserSchema = z.object({
  email: userEmail,
  name: userName,
  role: userRole,
  sites: userSites.default([]),
  password: userPassword,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export interface CreatedUser {
  id: number;
  email: string;
}

const UNIQUE_VIOLATION = "23505";

// Creates a user who signs in with email and password (or single sign-on, matched by email).
export async function createUser(
  pool: Pool,
  actor: Actor,
  input: CreateUserInput,
  context: AuditContext = {},
): Promise<CreatedUser> {
  // Checked again here (the schema does it at the edge) so no caller can store a weak password.
  const weak = checkPasswordStrength(input.password);
  if (weak) throw new AppError(400, weak);
  // Hashing takes ~250 ms: done before the transaction so no connection waits on it.
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO users (email, name, password_hash, role, sites) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.email, input.name, passwordHash, input.role, input.sites],
      );
      const id = rows[0]!.id;
      const after: AuditedUser = {
        email: input.email,
        name: input.name,
        role: input.role,
        sites: input.sites,
        disabled: false,
      };
      await writeAuditRow(client, {
        actor: actor.email,
        action: "user.create",
        targetType: "user",
        targetId: String(id),
        after,
        ip: context.ip,
      });
      return { id, email: input.email };
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      throw new AppError(409, `A user with the email ${input.email} already exists.`);
    throw error;
  }
}
