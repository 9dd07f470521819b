import { z } from "zod";
import { getPool } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/responses";
import { withApiKey } from "@/lib/http/route-handler";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid("must be a bulk replay id") });

// GET /api/v1/bulk-replays/{id} - a bulk replay's progress, counts per item status and its first 200 items (the key's sites)
export const GET = withApiKey(
  "replay",
  "GET /api/v1/bulk-replays/{id}",
  async (_request, caller, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = parseInput(paramsSchema, await params, "The bulk replay id is not valid.");
    const progress = await getBulkReplay(getPool(), id, 200, caller.scope);
    if (!progress) throw new AppError(404, "There is no such bulk replay.");
    return jsonResponse(progress);
  },
);
