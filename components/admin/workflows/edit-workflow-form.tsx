"use client";

import { updateWorkflowAction } from "@/app/admin/workflows/actions";
import type { WorkflowListItem } from "@/lib/queries/list-workflows";
import type { UpdatedWorkflow } from "@/lib/services/save-workflow";
import { ActionMessage, SubmitButton } from "../form-parts";
import { useActionForm } from "../use-action-form";
import { WorkflowFields, workflowFormValues } from "./workflow-fields";

// Edits one workflow. Saving a workflow first seen at ingest also registers it.
export function EditWorkflowForm({ workflow }: { workflow: WorkflowListItem }) {
  const form = useActionForm<UpdatedWorkflow>((data) =>
    updateWorkflowAction({ id: workflow.id, ...workflowFormValues(data) }),
  );
  const result = form.result;
  const success = result?.ok
    ? result.data.changed.length > 0
      ? `Saved: ${result.data.changed.join(", ")}.`
      : "Nothing to change."
    : undefined;

  return (
    <form
      onSubmit={form.onSubmit}
      className="flex flex-wrap items-start gap-3 pt-3"
      noValidate
      aria-label={`Edit ${workflow.name}`}
    >
      <WorkflowFields idPrefix={`workflow-${workflow.id}`} values={workflow} fieldError={form.fieldError} />
      <div className="pt-5">
        <SubmitButton pending={form.pending} busy="Saving…" idle={workflow.registered ? "Save" : "Save and register"} />
      </div>
      <div className="basis-full">
        <ActionMessage result={result} success={success} />
      </div>
    </form>
  );
}
