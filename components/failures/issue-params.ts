import { parseAsStringLiteral } from "nuqs/server";
import { ISSUE_STATES } from "@/lib/domain/issue-state";

// The Failures view's issue list: its URL filter (?issueState=) and query key, shared by the
// server page's prefetch and the browser's query.
export const ISSUES_ENDPOINT = "/api/dashboard/failures/issues";
export const issueStateParser = parseAsStringLiteral(ISSUE_STATES);

export function issuesQueryKey(state: string | null) {
  return ["failure-issues", state ?? "all"] as const;
}
