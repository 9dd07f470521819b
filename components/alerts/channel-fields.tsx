"use client";

import { useState } from "react";
import { describedBy, Field } from "@/components/admin/form-parts";
import { inputClass, selectClass } from "@/components/admin/form-styles";
import { formText } from "@/components/admin/use-action-form";
import type { AlertChannelKind } from "@/lib/jobs/alerts/channel-config";
import type { AlertChannelListItem } from "@/lib/queries/alerts/list-alert-config";

const KIND_LABELS: Record<AlertChannelKind, string> = {
  webhook: "Webhook (JSON)",
  slack: "Slack-compatible webhook",
  email: "Email (SMTP)",
};

export function channelKindLabel(kind: string): string {
  return KIND_LABELS[kind as AlertChannelKind] ?? kind;
}

// The fields of a channel, shared by the create and edit forms; the kind decides which
// show. Secrets are never filled in: blank on an edit keeps the stored one.
export function ChannelFields({
  idPrefix,
  channel,
  fieldError,
}: {
  idPrefix: string;
  channel?: AlertChannelListItem;
  fieldError: (name: string) => string | undefined;
}) {
  const [kind, setKind] = useState<AlertChannelKind>(channel?.kind ?? "webhook");
  const id = (f: string) => `${idPrefix}-${f}`;
  const props = (f: string, hasHint = false) => {
    const error = fieldError(f);
    return {
      id: id(f),
      name: f,
      "aria-invalid": Boolean(error),
      "aria-describedby": describedBy(id(f), error, hasHint),
    };
  };
  const editing = channel !== undefined;
  const email = channel?.email;
  return (
    <>
      <Field id={id("name")} label="Name" error={fieldError("name")}>
        <input
          {...props("name")}
          defaultValue={channel?.name ?? ""}
          required
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Outbound on-call"
          className={`${inputClass} w-52`}
        />
      </Field>
      <Field id={id("kind")} label="Kind" error={fieldError("kind")}>
        <select
          {...props("kind")}
          value={kind}
          disabled={editing}
          onChange={(e) => setKind(e.target.value as AlertChannelKind)}
          className={`${selectClass} w-52`}
        >
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      {editing ? <input type="hidden" name="kind" value={kind} /> : null}
      {kind !== "email" ? (
        <Field
          id={id("url")}
          label="Webhook URL"
          error={fieldError("url")}
          hint={
            editing
              ? `Now ${channel?.urlHint ?? "not set"}; blank keeps it. Stored encrypted.`
              : "Stored encrypted: it usually carries a token."
          }
          className="w-96"
        >
          <input
            {...props("url", true)}
            type="url"
            maxLength={2000}
            autoComplete="off"
            spellCheck={false}
            placeholder="https://hooks.example.com/…"
            className={inputClass}
          />
        </Field>
      ) : (
        <>
          <Field id={id("host")} label="SMTP host" error={fieldError("host")}>
            <input
              {...props("host")}
              defaultValue={email?.host ?? ""}
              maxLength={255}
              autoComplete="off"
              placeholder="smtp.example.com"
              className={`${inputClass} w-52`}
            />
          </Field>
          <Field id={id("port")} label="Port" error={fieldError("port")}>
            <input
              {...props("port")}
              type="number"
              min={1}
              max={65535}
              defaultValue={email?.port ?? 587}
              className={`${inputClass} w-24`}
            />
          </Field>
          <label className="flex items-center gap-2 pt-6 text-sm">
            <input type="checkbox" name="secure" defaultChecked={email?.secure ?? false} /> TLS from the start (465)
          </label>
          <Field id={id("user")} label="User (optional)" error={fieldError("user")}>
            <input
              {...props("user")}
              defaultValue={email?.user ?? ""}
              maxLength={255}
              autoComplete="off"
              className={`${inputClass} w-44`}
            />
          </Field>
          <Field
            id={id("password")}
            label="Password"
            error={fieldError("password")}
            hint={editing ? `${email?.passwordSet ? "Set" : "Not set"}; blank keeps it.` : "Stored encrypted."}
          >
            <input
              {...props("password", true)}
              type="password"
              maxLength={500}
              autoComplete="new-password"
              className={`${inputClass} w-44`}
            />
          </Field>
          <Field id={id("from")} label="From" error={fieldError("from")}>
            <input
              {...props("from")}
              defaultValue={email?.from ?? ""}
              maxLength={255}
              placeholder="crossdock@example.com"
              className={`${inputClass} w-56`}
            />
          </Field>
          <Field
            id={id("to")}
            label="To"
            error={fieldError("to")}
            hint="Addresses, separated by commas."
            className="w-80"
          >
            <input
              {...props("to", true)}
              defaultValue={email?.to.join(", ") ?? ""}
              maxLength={2000}
              placeholder="oncall@example.com"
              className={inputClass}
            />
          </Field>
        </>
      )}
    </>
  );
}

// What the fields above submit, in the shape the channel actions take.
export function channelFormValues(data: FormData) {
  return {
    name: formText(data, "name"),
    kind: formText(data, "kind") as AlertChannelKind,
    url: formText(data, "url"),
    host: formText(data, "host"),
    port: formText(data, "port"),
    secure: data.get("secure") === "on",
    user: formText(data, "user"),
    password: formText(data, "password"),
    from: formText(data, "from"),
    to: formText(data, "to"),
  };
}
