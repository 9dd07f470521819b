import { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { getPrisma } from "@/lib/db";
import { searchDestination } from "@/lib/domain/search-destination";
import { errorResponse, jsonResponse, toErrorResponse } from "@/lib/http/responses";
import { searchQuerySchema, searchTransactions, toSearchHitView } from "@/lib/queries/search-transactions";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ q: searchQuerySchema });

// GET /api/search?q= - transactions of the signed-in user's sites matching a reference, an id or a trace id
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireActor("transactions:read");
    const parsed = paramsSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
    if (!parsed.success) {
      return errorResponse(400, "The search term is not valid.", { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    }
    const result = await searchTransactions(getPrisma(), parsed.data.q, actor.scope);
    const hits = result.hits.map(toSearchHitView);
    return jsonResponse({ query: result.query, hits, truncated: result.truncated, destination: searchDestination(hits) });
  } catch (error) {
    return toErrorResponse(error, "GET /api/search");
  }
}
