"use client";

import { useState } from "react";
import { describedBy, Field } from "@/components/admin/form-parts";
import { inputClass, selectClass } from "@/components/admin/form-styles";
import { formText } from "@/components/admin/use-action-form";
import { ALERT_RULE_KIND_LABELS, ALERT_RULE_KINDS, type AlertRuleKind } from "@/lib/domain/alerts/rule";
import type { AlertRuleListItem } from "@/lib/queries/alerts/list-alert-config";

export interface RuleChoices {
  workflows: string[];
  sites: string[];
  systems: string[];
  channels: { id: number; name: string }[];
}

const THRESHOLD: Record<AlertRuleKind, { label: string; hint: string }> = {
  failure_rate: {
    label: "Threshold (%)",
    hint: "Fires above this share of transactions started in the window that failed.",
  },
  stuck_count: {
    label: "Threshold (transactions)",
    hint: "Fires above this many stuck transactions (past the workflow's SLA).",
  },
  stuck_value: { label: "Threshold (amount)", hint: "Fires above this stuck value, in the currency given." },
  p95_latency: { label: "Threshold (minutes)", hint: "Blank: the workflow's SLA." },
  no_traffic: { label: "", hint: "" },
};

// The fields of a rule, shared by the create and edit forms; the kind decides which show.
export function RuleFields({
  idPrefix,
  rule,
  choices,
  fieldError,
}: {
  idPrefix: string;
  rule?: AlertRuleListItem;
  choices: RuleChoices;
  fieldError: (name: string) => string | undefined;
}) {
  const [kind, setKind] = useState<AlertRuleKind>(rule?.kind ?? "failure_rate");
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
  const select = (f: "workflow" | "site" | "system", label: string, options: string[], none: string | null) => (
    <Field id={id(f)} label={label} error={fieldError(f)}>
      <select {...props(f)} defaultValue={rule?.[f] ?? ""} className={`${selectClass} w-52`}>
        {none !== null ? <option value="">{none}</option> : null}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
  const number = (f: "windowMinutes" | "minCount" | "repeatMinutes", label: string, hint: string, fallback: number) => (
    <Field id={id(f)} label={label} error={fieldError(f)} hint={hint} className="w-44">
      <input {...props(f, true)} type="number" min={0} defaultValue={rule?.[f] ?? fallback} className={inputClass} />
    </Field>
  );
  return (
    <>
      <Field id={id("name")} label="Name" error={fieldError("name")}>
        <input
          {...props("name")}
          defaultValue={rule?.name ?? ""}
          required
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Shipments failing at east"
          className={`${inputClass} w-64`}
        />
      </Field>
      <Field id={id("kind")} label="Condition" error={fieldError("kind")}>
        <select
          {...props("kind")}
          value={kind}
          onChange={(e) => setKind(e.target.value as AlertRuleKind)}
          className={`${selectClass} w-44`}
        >
          {ALERT_RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {ALERT_RULE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      {kind === "no_traffic" ? (
        select("system", "Source system", choices.systems, "Choose a system")
      ) : (
        <>
          {select("workflow", "Workflow", choices.workflows, "Choose a workflow")}
          {select("site", "Site", choices.sites, "All sites")}
          <Field
            id={id("threshold")}
            label={THRESHOLD[kind].label}
            error={fieldError("threshold")}
            hint={THRESHOLD[kind].hint}
            className="w-56"
          >
            <input
              {...props("threshold", true)}
              type="number"
              min={0}
              step="any"
              defaultValue={rule?.threshold ?? (kind === "failure_rate" ? 5 : "")}
              className={inputClass}
            />
          </Field>
          {kind === "stuck_value" ? (
            <Field id={id("currency")} label="Currency" error={fieldError("currency")}>
              <input
                {...props("currency")}
                defaultValue={rule?.currency ?? "USD"}
                maxLength={3}
                className={`${inputClass} w-20 uppercase`}
              />
            </Field>
          ) : null}
        </>
      )}
      {kind !== "stuck_count" && kind !== "stuck_value"
        ? number(
            "windowMinutes",
            kind === "no_traffic" ? "Silent for (minutes)" : "Window (minutes)",
            kind === "no_traffic" ? "Fires when nothing arrived for this long." : "Looks back this far.",
            15,
          )
        : null}
      {kind === "failure_rate" || kind === "p95_latency"
        ? number("minCount", "Minimum transactions", "Fewer in the window never fire.", 10)
        : null}
      {number("repeatMinutes", "Repeat every (minutes)", "While open; 0 never repeats.", 60)}
      <fieldset className="flex flex-col gap-1">
        <legend className="text-xs font-medium text-zinc-600">Channels</legend>
        {choices.channels.length === 0 ? (
          <p className="text-xs text-zinc-500">No channels yet: alerts still show in the history.</p>
        ) : null}
        {choices.channels.map((c) => (
          <label key={c.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="channelIds"
              value={c.id}
              defaultChecked={rule?.channelIds.includes(c.id) ?? false}
            />{" "}
            {c.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}

// What the fields above submit, in the shape the rule actions take.
export function ruleFormValues(data: FormData) {
  return {
    name: formText(data, "name"),
    kind: formText(data, "kind") as AlertRuleKind,
    workflow: formText(data, "workflow"),
    site: formText(data, "site"),
    system: formText(data, "system"),
    threshold: formText(data, "threshold"),
    currency: formText(data, "currency"),
    windowMinutes: formText(data, "windowMinutes") || undefined,
    minCount: formText(data, "minCount") || undefined,
    repeatMinutes: formText(data, "repeatMinutes") || undefined,
    channelIds: data.getAll("channelIds").map(String),
  };
}
