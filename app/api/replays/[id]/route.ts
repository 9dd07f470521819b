import { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { getPool } from "@/lib/db";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { getReplayStatus } from "@/lib/queries/get-replay-status";

export const dynamic = "force-dynamic";

// GET /api/replays/{id} - one replay's delivery status, polled by the replay dialog
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor("transactions:read");
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) return errorResponse(400, "The replay id is not valid.", { fields: { id: "must be a replay id" } });
    const status = await getReplayStatus(getPool(), actor.scope, id.data);
    return status ? jsonResponse(status) : errorResponse(404, "There is no such replay.");
  } catch (error) {
    return toErrorResponse(error, "GET /api/replays/{id}");
  }
}
