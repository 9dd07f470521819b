"use server";

import { revalidatePath } from "next/cache";
import { auditContext } from "@/app/admin/audit-context";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import type { IssueState } from "@/lib/domain/issue-state";
import { acknowledgeIssue, acknowledgeIssueSchema } from "@/lib/services/issues/acknowledge-issue";
import { reopenIssue, reopenIssueSchema } from "@/lib/services/issues/reopen-issue";
import { resolveIssue, resolveIssueSchema } from "@/lib/services/issues/resolve-issue";
import type { z } from "zod";

// Acknowledge (take or hand over ownership), resolve with a note, reopen. Each checks the
// session and issues:manage first; the services check the issue's sites and its state.

export async function acknowledgeIssueAction(raw: z.input<typeof acknowledgeIssueSchema>): Promise<ActionResult<{ state: IssueState; ownerId: number }>> {
  return runAction("acknowledgeIssueAction", async () => {
    const actor = await requireActor("issues:manage");
    const input = acknowledgeIssueSchema.parse(raw);
    const result = await acknowledgeIssue(getPool(), actor, input, await auditContext());
    revalidatePath(`/failures/issues/${input.issueId}`);
    return result;
  });
}

export async function resolveIssueAction(raw: z.input<typeof resolveIssueSchema>): Promise<ActionResult<{ state: IssueState }>> {
  return runAction("resolveIssueAction", async () => {
    const actor = await requireActor("issues:manage");
    const input = resolveIssueSchema.parse(raw);
    const result = await resolveIssue(getPool(), actor, input, await auditContext());
    revalidatePath(`/failures/issues/${input.issueId}`);
    return result;
  });
}

export async function reopenIssueAction(raw: z.input<typeof reopenIssueSchema>): Promise<ActionResult<{ state: IssueState }>> {
  return runAction("reopenIssueAction", async () => {
    const actor = await requireActor("issues:manage");
    const input = reopenIssueSchema.parse(raw);
    const result = await reopenIssue(getPool(), actor, input, await auditContext());
    revalidatePath(`/failures/issues/${input.issueId}`);
    return result;
  });
}
