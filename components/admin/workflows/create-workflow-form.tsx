"use client";

import { createWorkflowAction } from "@/app/admin/workflows/actions";
import type { CreatedWorkflow } from "@/lib/services/save-workflow";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { cardClass, inputClass } from "../form-styles";
import { formText, useActionForm } from "../use-action-form";
import { WorkflowFields, workflowFormValues } from "./workflow-fields";

export function CreateWorkflowForm() {
  const form = useActionForm<CreatedWorkflow>(
    (data) => createWorkflowAction({ name: formText(data, "name"), ...workflowFormValues(data) }),
    (_created, element) => element.reset(),
  );
  const nameError = form.fieldError("name");

  return (
    <section aria-labelledby="create-workflow-title" className={`${cardClass} flex flex-col gap-4`}>
      <h2 id="create-workflow-title" className="font-medium">
        Register a workflow
      </h2>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        <Field
          id="new-workflow-name"
          label="Name"
          error={nameError}
          hint="As senders write it in events; cannot be changed later."
        >
          <input
            id="new-workflow-name"
            name="name"
            required
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. goods_receipt"
            aria-invalid={Boolean(nameError)}
            aria-describedby={describedBy("new-workflow-name", nameError, true)}
            className={`${inputClass} w-56 font-mono`}
          />
        </Field>
        <WorkflowFields idPrefix="new-workflow" fieldError={form.fieldError} />
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Registering…" idle={"Register workflow"} />
        </div>
      </form>
      <ActionMessage
        result={form.result}
        success={form.result?.ok ? `Registered ${form.result.data.name}.` : undefined}
      />
    </section>
  );
}
