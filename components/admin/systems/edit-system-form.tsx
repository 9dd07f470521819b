"use client";

import { updateSystemAction } from "@/app/admin/systems/actions";
import type { SystemListItem } from "@/lib/queries/list-systems";
import type { UpdatedSystem } from "@/lib/services/save-system";
import { ActionMessage, SubmitButton } from "../form-parts";
import { useActionForm } from "../use-action-form";
import { ReplaySettingsFields, replaySettingsValues } from "./replay-settings-fields";
import { type SiteChoice, SystemFields, systemFormValues } from "./system-fields";
import { TestEndpointButton } from "./test-endpoint-button";

// Edits one system. The name is sent only when it changed, so a system registered with
// an older naming rule (e.g. from the API keys screen) can still get a site or endpoint.
export function EditSystemForm({ system, sites }: { system: SystemListItem; sites: SiteChoice[] }) {
  const form = useActionForm<UpdatedSystem>((data) => {
    const { name, ...rest } = systemFormValues(data);
    return updateSystemAction({
      id: system.id,
      ...(name.trim() === system.name ? {} : { name }),
      ...rest,
      ...replaySettingsValues(data),
    });
  });
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
      aria-label={`Edit ${system.name}`}
    >
      <SystemFields idPrefix={`system-${system.id}`} values={system} sites={sites} fieldError={form.fieldError} />
      <ReplaySettingsFields idPrefix={`system-${system.id}`} system={system} fieldError={form.fieldError} />
      <div className="flex gap-3 pt-5">
        <SubmitButton pending={form.pending} busy="Saving…" idle={"Save"} />
      </div>
      {system.replayEndpoint ? <TestEndpointButton systemId={system.id} /> : null}
      <div className="basis-full">
        <ActionMessage result={result} success={success} />
      </div>
    </form>
  );
}
