"use client";

import { addRedactionRuleAction } from "@/app/admin/redaction/actions";
import type { AddedRedactionRule } from "@/lib/services/add-redaction-rule";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { inputClass } from "../form-styles";
import { formText, useActionForm } from "../use-action-form";

export function AddRedactionRuleForm() {
  const form = useActionForm<AddedRedactionRule>(
    (data) => addRedactionRuleAction({ path: formText(data, "path") }),
    (_added, element) => element.reset(),
  );
  const error = form.fieldError("path");
  return (
    <div className="flex flex-col gap-2">
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-3" noValidate>
        <Field id="redaction-path" label="Field path" error={error}>
          <input
            id="redaction-path"
            name="path"
            required
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. customer.taxId"
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy("redaction-path", error)}
            className={`${inputClass} w-72 font-mono`}
          />
        </Field>
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Adding…" idle={"Add path"} />
        </div>
      </form>
      <ActionMessage
        result={form.result}
        success={form.result?.ok ? `Payloads ingested from now on mask ${form.result.data.path}.` : undefined}
      />
    </div>
  );
}
