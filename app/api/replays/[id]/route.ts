import { z } from "zod";
import { getPool } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/responses";
import { withActor } from "@/lib/http/route-handler";
import { getReplayStatus } from "@/lib/queries/get-replay-status";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid("must be a replay id") });

// GET /api/replays/{id} - one replay's delivery status, polled by the replay dialog
export const GET = withActor(
  "transactions:read",
  "GET /api/replays/{id}",
  async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = parseInput(paramsSchema, await params, "The replay id is not valid.");
    const status = await getReplayStatus(getPool(), actor.scope, id);
    if (!status) throw new AppError(404, "There is no such replay.");
    return jsonResponse(status);
  },
);
