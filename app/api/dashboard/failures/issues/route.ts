import { getPool } from "@/lib/db";
import { errorResponse, jsonResponse } from "@/lib/http/responses";
import { withActor } from "@/lib/http/route-handler";
import { issueListSchema } from "@/lib/queries/list-failure-issues";
import { loadFailureIssues } from "@/lib/queries/load-failure-issues";

export const dynamic = "force-dynamic";

// GET /api/dashboard/failures/issues?state= - failure issues seen at the user's sites, unresolved first, with live figures
export const GET = withActor("transactions:read", "GET /api/dashboard/failures/issues", async (request, actor) => {
  const parsed = issueListSchema.safeParse({ state: new URL(request.url).searchParams.get("state") ?? undefined });
  if (!parsed.success)
    return errorResponse(400, "state must be one of open, acknowledged, resolved, reopened.", {
      fields: parsed.error.issues.map((i) => i.path.join(".")),
    });
  // Reads never sync: the worker keeps issues current every ISSUE_SYNC_MS (2 s).
  return jsonResponse(await loadFailureIssues(getPool(), actor, parsed.data));
});
