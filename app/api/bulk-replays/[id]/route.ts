import { z } from "zod";
import { getPool } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/responses";
import { withActor } from "@/lib/http/route-handler";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid("must be a bulk replay id") });

// GET /api/bulk-replays/{id} - a bulk replay's progress and per-item results (the person's sites), polled by its page
export const GET = withActor(
  "transactions:replay",
  "GET /api/bulk-replays/{id}",
  async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = parseInput(paramsSchema, await params, "The bulk replay id is not valid.");
    const progress = await getBulkReplay(getPool(), id, 200, actor.scope);
    if (!progress) throw new AppError(404, "There is no such bulk replay.");
    return jsonResponse(progress);
  },
);
