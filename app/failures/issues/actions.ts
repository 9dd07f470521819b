"use server";

import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { acknowledgeIssue, acknowledgeIssueSchema } from "@/lib/services/issues/acknowledge-issue";
import { reopenIssue, reopenIssueSchema } from "@/lib/services/issues/reopen-issue";
import { resolveIssue, resolveIssueSchema } from "@/lib/services/issues/resolve-issue";

// Acknowledge (take or hand over ownership), resolve with a note, reopen. Each needs
// issues:manage; the services check the issue's sites and its state.

const issuePage = (input: { issueId: number }) => `/failures/issues/${input.issueId}`;

export const acknowledgeIssueAction = serverAction({
  name: "acknowledgeIssueAction",
  permission: "issues:manage",
  schema: acknowledgeIssueSchema,
  run: (input, { actor, audit }) => acknowledgeIssue(getPool(), actor, input, audit),
  revalidate: issuePage,
});

export const resolveIssueAction = serverAction({
  name: "resolveIssueAction",
  permission: "issues:manage",
  schema: resolveIssueSchema,
  run: (input, { actor, audit }) => resolveIssue(getPool(), actor, input, audit),
  revalidate: issuePage,
});

export const reopenIssueAction = serverAction({
  name: "reopenIssueAction",
  permission: "issues:manage",
  schema: reopenIssueSchema,
  run: (input, { actor, audit }) => reopenIssue(getPool(), actor, input, audit),
  revalidate: issuePage,
});
