import { getPool } from "@/lib/db";
import { jsonResponse } from "@/lib/http/responses";
import { migrationStatus } from "@/lib/postgres/migrate";

export const dynamic = "force-dynamic";

// GET /api/health - database reachable and migrations current (503 otherwise)
export async function GET(): Promise<Response> {
  try {
    const client = await getPool().connect();
    try {
      const status = await migrationStatus(client);
      const ok = status.pending.length === 0;
      return jsonResponse(
        {
          status: ok ? "ok" : "degraded",
          database: "reachable",
          migrations: { applied: status.applied.length, pending: status.pending },
        },
        ok ? 200 : 503,
      );
    } finally {
      client.release();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return jsonResponse({ status: "down", database: "unreachable", reason }, 503, { "retry-after": "5" });
  }
}
