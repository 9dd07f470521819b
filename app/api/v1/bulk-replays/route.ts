import { getDatabase } from "@/lib/db";
import { apiCommand } from "@/lib/http/api-command";
import { bulkFilterSchema, bulkReplaySchema, requestBulkReplay } from "@/lib/services/replay/bulk-replay";

export const dynamic = "force-dynamic";

// Strict, and never empty: a misspelt filter field must not widen a bulk replay to everything.
const apiFilterSchema = bulkFilterSchema.strict().refine((f) => Object.values(f).some((v) => v !== undefined), {
  message: "Name at least one filter field (e.g. status, workflow, site, errorSignature, loadId).",
});

// POST /api/v1/bulk-replays - replay every transaction a filter selects (the transaction list's filter), in the worker
export const POST = apiCommand({
  scope: "replay",
  name: "POST /api/v1/bulk-replays",
  fields: ["filter", "reason", "force"],
  schema: bulkReplaySchema.extend({ filter: apiFilterSchema }),
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
