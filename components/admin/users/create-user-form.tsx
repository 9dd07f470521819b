"use client";

import { createUserAction } from "@/app/admin/users/actions";
import type { Role } from "@/lib/auth/permissions";
import type { CreatedUser } from "@/lib/services/create-user";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { cardClass, inputClass, selectClass } from "../form-styles";
import { formList, formText, useActionForm } from "../use-action-form";
import { RoleOptions, sitesHint } from "./role-options";

export function CreateUserForm({ knownSites }: { knownSites: string[] }) {
  const form = useActionForm<CreatedUser>(
    (data) =>
      createUserAction({
        email: formText(data, "email"),
        name: formText(data, "name"),
        role: formText(data, "role") as Role,
        sites: formList(data, "sites"),
        password: formText(data, "password"),
      }),
    (_created, element) => element.reset(),
  );
  const errors = {
    email: form.fieldError("email"),
    name: form.fieldError("name"),
    role: form.fieldError("role"),
    sites: form.fieldError("sites"),
    password: form.fieldError("password"),
  };

  return (
    <section aria-labelledby="create-user-title" className={`${cardClass} flex flex-col gap-4`}>
      <h2 id="create-user-title" className="font-medium">
        Add a user
      </h2>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        <Field id="new-user-email" label="Email" error={errors.email}>
          <input
            id="new-user-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            aria-invalid={Boolean(errors.email)}
            aria-describedby={describedBy("new-user-email", errors.email)}
            className={`${inputClass} w-64`}
          />
        </Field>
        <Field id="new-user-name" label="Name (optional)" error={errors.name}>
          <input
            id="new-user-name"
            name="name"
            autoComplete="off"
            maxLength={200}
            aria-invalid={Boolean(errors.name)}
            aria-describedby={describedBy("new-user-name", errors.name)}
            className={`${inputClass} w-48`}
          />
        </Field>
        <Field id="new-user-role" label="Role" error={errors.role}>
          <select
            id="new-user-role"
            name="role"
            defaultValue="viewer"
            aria-invalid={Boolean(errors.role)}
            aria-describedby={describedBy("new-user-role", errors.role)}
            className={`${selectClass} w-44`}
          >
            <RoleOptions />
          </select>
        </Field>
        <Field id="new-user-sites" label="Sites" error={errors.sites} hint={sitesHint(knownSites)} className="w-64">
          <input
            id="new-user-sites"
            name="sites"
            autoComplete="off"
            placeholder="all sites"
            aria-invalid={Boolean(errors.sites)}
            aria-describedby={describedBy("new-user-sites", errors.sites, true)}
            className={inputClass}
          />
        </Field>
        <Field
          id="new-user-password"
          label="Password"
          error={errors.password}
          hint="At least 12 characters; share it with the person over a separate channel."
        >
          <input
            id="new-user-password"
            name="password"
            type="password"
            required
            autoComplete="new-password"
            aria-invalid={Boolean(errors.password)}
            aria-describedby={describedBy("new-user-password", errors.password, true)}
            className={`${inputClass} w-56`}
          />
        </Field>
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Adding…" idle={"Add user"} />
        </div>
      </form>
      <ActionMessage result={form.result} success={form.result?.ok ? `Added ${form.result.data.email}.` : undefined} />
    </section>
  );
}
