"use client";

import { removeCloudEventTypeAction, setCloudEventTypeAction } from "@/app/admin/workflows/cloudevent-type-actions";
import { STAGES } from "@/lib/domain/vocabulary";
import type { CloudEventTypeListItem } from "@/lib/queries/list-cloudevent-types";
import type { CloudEventTypeMapping } from "@/lib/services/save-cloudevent-type";
import { ConfirmActionButton } from "../confirm-action-button";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { inputClass, selectClass } from "../form-styles";
import { formText, useActionForm } from "../use-action-form";

// CloudEvents types in a producer's own scheme -> workflow and stage (README "CloudEvents").
export function CloudEventTypes({ types, workflows }: { types: CloudEventTypeListItem[]; workflows: string[] }) {
  const form = useActionForm<CloudEventTypeMapping>(
    (data) =>
      setCloudEventTypeAction({
        type: formText(data, "type"),
        workflow: formText(data, "workflow"),
        stage: formText(data, "stage"),
      }),
    (_saved, element) => element.reset(),
  );
  const error = (name: string) => form.fieldError(name);
  return (
    <section aria-labelledby="cloudevent-types-heading" className="flex flex-col gap-3">
      <h2 id="cloudevent-types-heading" className="text-base font-semibold">
        CloudEvents types
      </h2>
      <p className="text-sm text-zinc-600">
        For producers whose CloudEvents types follow their own scheme: the workflow, and the stage unless the
        event&apos;s data carries it. A type ending in a workflow&apos;s name (com.acme.wms.shipment_confirmation) needs
        no mapping.
      </p>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-3" noValidate>
        <Field id="cloudevent-type" label="Type" error={error("type")}>
          <input
            id="cloudevent-type"
            name="type"
            required
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. com.acme.wms.ShipmentConfirmed"
            aria-invalid={Boolean(error("type"))}
            aria-describedby={describedBy("cloudevent-type", error("type"))}
            className={`${inputClass} w-80 font-mono`}
          />
        </Field>
        <Field id="cloudevent-workflow" label="Workflow" error={error("workflow")}>
          <select
            id="cloudevent-workflow"
            name="workflow"
            required
            aria-invalid={Boolean(error("workflow"))}
            aria-describedby={describedBy("cloudevent-workflow", error("workflow"))}
            className={`${selectClass} w-56`}
          >
            {workflows.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </Field>
        <Field id="cloudevent-stage" label="Stage" error={error("stage")}>
          <select
            id="cloudevent-stage"
            name="stage"
            defaultValue=""
            aria-invalid={Boolean(error("stage"))}
            aria-describedby={describedBy("cloudevent-stage", error("stage"))}
            className={`${selectClass} w-44`}
          >
            <option value="">from data.stage</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Saving…" idle="Map type" />
        </div>
      </form>
      <ActionMessage
        result={form.result}
        success={
          form.result?.ok
            ? `Events of type ${form.result.data.type} are read as ${form.result.data.workflow}${form.result.data.stage ? `, ${form.result.data.stage}` : ""}.`
            : undefined
        }
      />
      {types.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-6 text-center text-sm text-zinc-600">
          No types are mapped.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full min-w-[640px] text-left text-sm">
            <caption className="sr-only">Mapped CloudEvents types</caption>
            <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Type
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Workflow
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Stage
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {types.map((t) => (
                <tr key={t.type} data-cloudevent-type={t.type}>
                  <td className="px-3 py-2 font-mono text-xs">{t.type}</td>
                  <td className="px-3 py-2">{t.workflow}</td>
                  <td className="px-3 py-2">{t.stage ?? <span className="text-zinc-500">from data.stage</span>}</td>
                  <td className="px-3 py-2 text-right">
                    <ConfirmActionButton
                      idle="Remove"
                      busy="Removing…"
                      label={`Remove ${t.type}`}
                      question={`Stop mapping ${t.type}?\n\nEvents of this type will need the workflow and stage in their data.`}
                      run={() => removeCloudEventTypeAction({ type: t.type })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
