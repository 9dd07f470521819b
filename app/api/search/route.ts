import { z } from "zod";
import { getReadDatabase } from "@/lib/db";
import { searchDestination } from "@/lib/domain/search-destination";
import { parseInput } from "@/lib/errors";
import { jsonResponse } from "@/lib/http/responses";
import { withActor } from "@/lib/http/route-handler";
import { searchQuerySchema, searchTransactions, toSearchHitView } from "@/lib/queries/search-transactions";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ q: searchQuerySchema });

// GET /api/search?q= - transactions of the signed-in user's sites matching a reference, an id or a trace id
export const GET = withActor("transactions:read", "GET /api/search", async (request, actor) => {
  const { q } = parseInput(
    paramsSchema,
    { q: new URL(request.url).searchParams.get("q") ?? "" },
    "The search term is not valid.",
  );
  // A search may miss a transaction stored in the last moment when it reads a replica.
  const result = await searchTransactions(getReadDatabase().prisma, q, actor.scope);
  const hits = result.hits.map(toSearchHitView);
  return jsonResponse({ query: result.query, hits, truncated: result.truncated, destination: searchDestination(hits) });
});
