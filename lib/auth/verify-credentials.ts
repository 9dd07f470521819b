import type { Pool } from "pg";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { isRole, type Role } from "./permissions";
import { checkSignInAllowed, clearSignInFailures, recordSignInFailure } from "./sign-in-limits";

export interface SignedInUser {
  id: number;
  email: string;
  name: string | null;
  role: Role;
}

export type CredentialsResult = { ok: true; user: SignedInUser } | { ok: false; message: string };

const INVALID = "The email or password is not correct.";

// Checks a sign-in attempt: rate limits first (so a blocked account costs no bcrypt), then
// the password. Every failure is counted and written to the audit trail.
export async function verifyCredentials(
  pool: Pool,
  rawEmail: string,
  password: string,
  ip: string,
): Promise<CredentialsResult> {
  const email = rawEmail.trim().toLowerCase();
  const limit = await checkSignInAllowed(pool, email, ip);
  if (limit.blocked) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    await auditFailure(pool, email, ip, `blocked by the ${limit.by} limit`);
    return {
      ok: false,
      message: `Too many failed sign-ins ${limit.by === "account" ? "for this account" : "from this address"}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  const { rows } = await pool.query<{
    id: number;
    email: string;
    name: string | null;
    role: string;
    password_hash: string | null;
    disabled_at: Date | null;
  }>(`SELECT id, email, name, role, password_hash, disabled_at FROM users WHERE email = $1`, [email]);
  const user = rows[0];
  const passwordOk = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !passwordOk || user.disabled_at || !isRole(user.role)) {
    await recordSignInFailure(pool, email, ip);
    await auditFailure(
      pool,
      email,
      ip,
      !user ? "unknown account" : user.disabled_at ? "account disabled" : "wrong password",
    );
    return { ok: false, message: user?.disabled_at && passwordOk ? "This account is disabled." : INVALID };
  }
  await clearSignInFailures(pool, email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

async function auditFailure(pool: Pool, email: string, ip: string, reason: string): Promise<void> {
  await pool.query(
    `INSERT INTO audit_log (actor, action, target_type, target_id, after, ip) VALUES ($1, 'auth.signin_failed', 'user', $1, $2, $3)`,
    [email, JSON.stringify({ reason }), ip],
  );
}
