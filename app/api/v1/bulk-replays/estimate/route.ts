import { z } from "zod";
import { getDatabase } from "@/lib/db";
import { apiBulkFilterSchema } from "@/lib/http/api-bulk-filter";
import { apiCommand } from "@/lib/http/api-command";
import { estimateBulkReplay } from "@/lib/services/replay/bulk-replay";

export const dynamic = "force-dynamic";

// POST /api/v1/bulk-replays/estimate - what a bulk replay of this filter would do (count, value, skipped, already posted, time per target); starts nothing
export const POST = apiCommand({
  scope: "replay",
  name: "POST /api/v1/bulk-replays/estimate",
  fields: ["filter", "force"],
  schema: z.object({ filter: apiBulkFilterSchema, force: z.boolean().default(false) }),
  input: (body) => body,
  run: async (input, by) => ({ status: 200, body: await estimateBulkReplay(getDatabase(), by, input) }),
});
