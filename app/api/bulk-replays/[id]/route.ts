import { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { getPool } from "@/lib/db";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { getBulkReplay } from "@/lib/queries/get-bulk-replay";

export const dynamic = "force-dynamic";

// GET /api/bulk-replays/{id} - a bulk replay's progress and per-item results (the person's sites), polled by its page
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requireActor("transactions:replay");
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) return errorResponse(400, "The bulk replay id is not valid.", { fields: { id: "must be a bulk replay id" } });
    const progress = await getBulkReplay(getPool(), id.data, 200, actor.scope);
    return progress ? jsonResponse(progress) : errorResponse(404, "There is no such bulk replay.");
  } catch (error) {
    return toErrorResponse(error, "GET /api/bulk-replays/{id}");
  }
}
