"use client";

import { createSystemAction } from "@/app/admin/systems/actions";
import type { CreatedSystem } from "@/lib/services/save-system";
import { ActionMessage, SubmitButton } from "../form-parts";
import { cardClass } from "../form-styles";
import { useActionForm } from "../use-action-form";
import { type SiteChoice, SystemFields, systemFormValues } from "./system-fields";

export function CreateSystemForm({ sites }: { sites: SiteChoice[] }) {
  const form = useActionForm<CreatedSystem>(
    (data) => createSystemAction(systemFormValues(data)),
    (_created, element) => element.reset(),
  );
  return (
    <section aria-labelledby="create-system-title" className={`${cardClass} flex flex-col gap-4`}>
      <h2 id="create-system-title" className="font-medium">
        Add a system
      </h2>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        <SystemFields idPrefix="new-system" sites={sites} fieldError={form.fieldError} />
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Adding…" idle={"Add system"} />
        </div>
      </form>
      <ActionMessage result={form.result} success={form.result?.ok ? `Added ${form.result.data.name}.` : undefined} />
    </section>
  );
}
