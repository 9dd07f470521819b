"use client";

import { type CreatedApiKeyView, createApiKeyAction } from "@/app/admin/api-keys/actions";
import { API_SCOPES, type ApiScope } from "@/lib/auth/api-keys";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { cardClass, inputClass, labelClass } from "../form-styles";
import { formList, formText, useActionForm } from "../use-action-form";
import { CreatedKeyCallout } from "./created-key-callout";

const SCOPE_HINTS: Record<ApiScope, string> = {
  ingest: "send events (POST /api/v1/events)",
  read: "read transactions (GET /api/v1/transactions)",
  replay: "replay and bulk replay, forced with a reason (POST /api/v1/.../replay)",
  resolve: "resolve or cancel by hand, with a reason (POST /api/v1/.../resolve)",
};

export function CreateApiKeyForm({ systems }: { systems: string[] }) {
  const form = useActionForm<CreatedApiKeyView>(
    (data) =>
      createApiKeyAction({
        systemName: formText(data, "systemName"),
        scopes: data.getAll("scopes").filter((s): s is ApiScope => (API_SCOPES as readonly unknown[]).includes(s)),
        name: formText(data, "name"),
        sites: formList(data, "sites"),
      }),
    (_created, element) => element.reset(),
  );
  const created = form.result?.ok ? form.result.data : null;
  const systemError = form.fieldError("systemName");
  const scopesError = form.fieldError("scopes");
  const nameError = form.fieldError("name");
  const sitesError = form.fieldError("sites");

  return (
    <section aria-labelledby="create-key-title" className={`${cardClass} flex flex-col gap-4`}>
      <h2 id="create-key-title" className="font-medium">
        Create a key
      </h2>
      {created ? <CreatedKeyCallout created={created} onDone={form.reset} /> : null}
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        <Field
          id="key-system"
          label="System"
          error={systemError}
          hint="Pick a system or type a new name to register it."
        >
          <input
            id="key-system"
            name="systemName"
            list="key-system-options"
            required
            autoComplete="off"
            placeholder="e.g. middleware-east"
            aria-invalid={Boolean(systemError)}
            aria-describedby={describedBy("key-system", systemError, true)}
            className={`${inputClass} w-64`}
          />
          <datalist id="key-system-options">
            {systems.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </Field>
        <fieldset className="flex flex-col gap-1" aria-describedby={scopesError ? "key-scopes-error" : undefined}>
          <legend className={labelClass}>Scopes</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                defaultChecked={scope === "ingest"}
                className="size-4 rounded border-zinc-300"
              />
              <span className="font-mono text-xs">{scope}</span>
              <span className="text-xs text-zinc-500">{SCOPE_HINTS[scope]}</span>
            </label>
          ))}
          {scopesError ? (
            <p id="key-scopes-error" className="text-xs text-red-700">
              {scopesError}
            </p>
          ) : null}
        </fieldset>
        <Field id="key-name" label="Label (optional)" error={nameError} hint="Who or what uses it, e.g. “Boomi prod”.">
          <input
            id="key-name"
            name="name"
            maxLength={100}
            autoComplete="off"
            aria-invalid={Boolean(nameError)}
            aria-describedby={describedBy("key-name", nameError, true)}
            className={`${inputClass} w-56`}
          />
        </Field>
        <Field
          id="key-sites"
          label="Sites (optional)"
          error={sitesError}
          hint="Comma-separated; what the key may read, replay and resolve. Empty means every site."
        >
          <input
            id="key-sites"
            name="sites"
            autoComplete="off"
            placeholder="all sites"
            aria-invalid={Boolean(sitesError)}
            aria-describedby={describedBy("key-sites", sitesError, true)}
            className={`${inputClass} w-48`}
          />
        </Field>
        <div className="flex flex-col gap-2 pt-5">
          <SubmitButton pending={form.pending} busy="Creating…" idle={"Create key"} />
        </div>
      </form>
      {form.result && !form.result.ok ? <ActionMessage result={form.result} /> : null}
    </section>
  );
}
