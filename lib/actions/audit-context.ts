import { headers } from "next/headers";
import type { AuditContext } from "@/lib/services/write-audit-row";

// The client address of the request a server action runs in, for the audit row.
export async function auditContext(): Promise<AuditContext> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    return {}; // called outside a request (scripts, tests)
  }
  return auditContextOf(h);
}

// Read the same way sign-in does (first X-Forwarded-For hop, then X-Real-IP); route
// handlers pass their request's headers.
export function auditContextOf(h: Headers): AuditContext {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || h.get("x-real-ip") || null };
}
