import { getDatabase } from "@/lib/db";
import { apiBulkFilterSchema } from "@/lib/http/api-bulk-filter";
import { apiCommand } from "@/lib/http/api-command";
import { bulkReplaySchema, requestBulkReplay } from "@/lib/services/replay/bulk-replay";

export const dynamic = "force-dynamic";

// POST /api/v1/bulk-replays - replay every transaction a filter selects (the transaction list's filter), in the worker
export const POST = apiCommand({
  scope: "replay",
  name: "POST /api/v1/bulk-replays",
  fields: ["filter", "reason", "force"],
  schema: bulkReplaySchema.extend({ filter: apiBulkFilterSchema }),
  input: (body) => body,
  run: async (input, by, audit) => {
    const bulk = await requestBulkReplay(getDatabase(), by, input, audit);
    return {
      status: 202,
      body: {
        bulkId: bulk.bulkId,
        total: bulk.total,
        status: "running",
        statusUrl: `/api/v1/bulk-replays/${bulk.bulkId}`,
      },
    };
  },
});
