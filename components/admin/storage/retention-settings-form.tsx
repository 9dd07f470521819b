"use client";

import { saveRetentionSettingsAction } from "@/app/admin/storage/actions";
import type { SaveRetentionSettingsInput } from "@/lib/services/save-retention-settings";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { cardClass, inputClass } from "../form-styles";
import { formText, useActionForm } from "../use-action-form";

const FIELDS = [
  { name: "payloadDays", label: "Payloads (days)", hint: "Message bodies at each hop. Default 14." },
  {
    name: "eventDays",
    label: "Events and closed transactions (days)",
    hint: "The trace and the transaction rows. Default 396 (13 months).",
  },
  { name: "rollupDays", label: "Rollups (days)", hint: "Dashboard and KPI figures. Default 1826 (5 years)." },
] as const;

export function RetentionSettingsForm(props: {
  payloadDays: number;
  eventDays: number;
  rollupDays: number;
  updatedBy: string | null;
}) {
  const form = useActionForm<SaveRetentionSettingsInput>((data) =>
    saveRetentionSettingsAction({
      payloadDays: formText(data, "payloadDays"),
      eventDays: formText(data, "eventDays"),
      rollupDays: formText(data, "rollupDays"),
    }),
  );
  return (
    <section aria-labelledby="retention-title" className={`${cardClass} flex flex-col gap-3`}>
      <h2 id="retention-title" className="font-medium">
        Retention
      </h2>
      <p className="text-sm text-zinc-600">
        Applied by the worker at its next run: days past these limits are archived and dropped.
        {props.updatedBy ? ` Last changed by ${props.updatedBy}.` : " These are the defaults."}
      </p>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        {FIELDS.map((f) => {
          const id = `retention-${f.name}`;
          const error = form.fieldError(f.name);
          return (
            <Field key={f.name} id={id} label={f.label} error={error} hint={f.hint}>
              <input
                id={id}
                name={f.name}
                type="number"
                min={1}
                required
                defaultValue={props[f.name]}
                aria-invalid={Boolean(error)}
                aria-describedby={describedBy(id, error, true)}
                className={`${inputClass} w-40`}
              />
            </Field>
          );
        })}
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Saving…" idle="Save retention" />
        </div>
      </form>
      <ActionMessage result={form.result} success="Saved: the next retention run applies it." />
    </section>
  );
}
