"use client";

import { updateUserAction } from "@/app/admin/users/actions";
import type { Role } from "@/lib/auth/permissions";
import type { UserListItem } from "@/lib/queries/list-users";
import type { UpdatedUser } from "@/lib/services/update-user";
import { ActionMessage, describedBy, Field, SubmitButton } from "../form-parts";
import { inputClass, selectClass } from "../form-styles";
import { formList, formText, useActionForm } from "../use-action-form";
import { RoleOptions, sitesHint } from "./role-options";

// Edits one user. For the signed-in admin's own row, role and "disabled" are locked: the
// server refuses those changes anyway, so the form does not offer them.
export function EditUserForm({
  user,
  isSelf,
  knownSites,
}: {
  user: UserListItem;
  isSelf: boolean;
  knownSites: string[];
}) {
  const form = useActionForm<UpdatedUser>(
    (data) =>
      updateUserAction({
        id: user.id,
        name: formText(data, "name"),
        ...(isSelf ? {} : { role: formText(data, "role") as Role, disabled: data.get("disabled") === "on" }),
        sites: formList(data, "sites"),
        password: formText(data, "password"),
      }),
    (_updated, element) => {
      const password = element.elements.namedItem("password");
      if (password instanceof HTMLInputElement) password.value = "";
    },
  );
  const id = (field: string) => `user-${user.id}-${field}`;
  const errors = {
    name: form.fieldError("name"),
    role: form.fieldError("role"),
    sites: form.fieldError("sites"),
    password: form.fieldError("password"),
  };
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
      aria-label={`Edit ${user.email}`}
    >
      <Field id={id("name")} label="Name" error={errors.name}>
        <input
          id={id("name")}
          name="name"
          defaultValue={user.name ?? ""}
          maxLength={200}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={describedBy(id("name"), errors.name)}
          className={`${inputClass} w-44`}
        />
      </Field>
      <Field
        id={id("role")}
        label="Role"
        error={errors.role}
        hint={isSelf ? "You cannot change your own role." : undefined}
      >
        <select
          id={id("role")}
          name="role"
          defaultValue={user.role}
          disabled={isSelf}
          aria-invalid={Boolean(errors.role)}
          aria-describedby={describedBy(id("role"), errors.role, isSelf)}
          className={`${selectClass} w-44`}
        >
          <RoleOptions />
        </select>
      </Field>
      <Field id={id("sites")} label="Sites" error={errors.sites} hint={sitesHint(knownSites)} className="w-56">
        <input
          id={id("sites")}
          name="sites"
          defaultValue={user.sites.join(", ")}
          placeholder="all sites"
          aria-invalid={Boolean(errors.sites)}
          aria-describedby={describedBy(id("sites"), errors.sites, true)}
          className={inputClass}
        />
      </Field>
      <Field
        id={id("password")}
        label="New password (optional)"
        error={errors.password}
        hint="Leave empty to keep the current one."
      >
        <input
          id={id("password")}
          name="password"
          type="password"
          autoComplete="new-password"
          aria-invalid={Boolean(errors.password)}
          aria-describedby={describedBy(id("password"), errors.password, true)}
          className={`${inputClass} w-48`}
        />
      </Field>
      <label className="flex items-center gap-2 pt-7 text-sm">
        <input
          type="checkbox"
          name="disabled"
          defaultChecked={user.disabledAt !== null}
          disabled={isSelf}
          className="size-4 rounded border-zinc-300"
        />
        Disabled
      </label>
      <div className="flex flex-col gap-1 pt-5">
        <SubmitButton pending={form.pending} busy="Saving…" idle={"Save"} />
      </div>
      <div className="basis-full">
        <ActionMessage result={result} success={success} />
      </div>
    </form>
  );
}
