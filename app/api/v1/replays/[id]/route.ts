import { z } from "zod";
import { getPool } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/responses";
import { withApiKey } from "@/lib/http/route-handler";
import { getReplayStatus } from "@/lib/queries/get-replay-status";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid("must be a replay id") });

// GET /api/v1/replays/{id} - one replay's delivery status and its transaction's status (the key's sites)
export const GET = withApiKey(
  "replay",
  "GET /api/v1/replays/{id}",
  async (_request, caller, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = parseInput(paramsSchema, await params, "The replay id is not valid.");
    const status = await getReplayStatus(getPool(), caller.scope, id);
    if (!status) throw new AppError(404, "There is no such replay.");
    return jsonResponse(status);
  },
);
