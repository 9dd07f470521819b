import { z } from "zod";
import { getPool } from "@/lib/db";
import { apiCommand } from "@/lib/http/api-command";
import { cancelBulkReplay } from "@/lib/services/replay/bulk-replay";

export const dynamic = "force-dynamic";

// POST /api/v1/bulk-replays/{id}/cancel - stop a running bulk replay: items not yet sent are cancelled, sent ones keep their outcome
export const POST = apiCommand({
  scope: "replay",
  name: "POST /api/v1/bulk-replays/{id}/cancel",
  fields: [],
  schema: z.object({ bulkId: z.uuid("must be a bulk replay id") }),
  input: (_body, params) => ({ bulkId: params.id }),
  run: async ({ bulkId }, by, audit) => {
    const { cancelled } = await cancelBulkReplay(getPool(), by, bulkId, audit);
    return { status: 200, body: { bulkId, status: "cancelled", cancelled } };
  },
});
