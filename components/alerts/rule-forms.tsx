"use client";

import { createAlertRuleAction, updateAlertRuleAction } from "@/app/admin/alerts/actions";
import { ActionMessage, SubmitButton } from "@/components/admin/form-parts";
import { cardClass } from "@/components/admin/form-styles";
import { useActionForm } from "@/components/admin/use-action-form";
import type { AlertRuleListItem } from "@/lib/queries/alerts/list-alert-config";
import type { SavedAlertRule } from "@/lib/services/alerts/save-alert-rule";
import { type RuleChoices, RuleFields, ruleFormValues } from "./rule-fields";

export function CreateRuleForm({ choices }: { choices: RuleChoices }) {
  const form = useActionForm<SavedAlertRule>(
    (data) => createAlertRuleAction(ruleFormValues(data)),
    (_saved, element) => element.reset(),
  );
  return (
    <section aria-labelledby="create-rule-title" className={`${cardClass} flex flex-col gap-4`}>
      <h2 id="create-rule-title" className="font-medium">
        Add a rule
      </h2>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        <RuleFields idPrefix="new-rule" choices={choices} fieldError={form.fieldError} />
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Adding…" idle="Add rule" />
        </div>
      </form>
      <ActionMessage result={form.result} success={form.result?.ok ? `Added ${form.result.data.name}.` : undefined} />
    </section>
  );
}

export function EditRuleForm({ rule, choices }: { rule: AlertRuleListItem; choices: RuleChoices }) {
  const form = useActionForm<SavedAlertRule>((data) =>
    updateAlertRuleAction({ id: rule.id, enabled: rule.enabled, ...ruleFormValues(data) }),
  );
  return (
    <form onSubmit={form.onSubmit} className="mt-3 flex flex-col gap-3" noValidate>
      <div className="flex flex-wrap items-start gap-4">
        <RuleFields idPrefix={`rule-${rule.id}`} rule={rule} choices={choices} fieldError={form.fieldError} />
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton pending={form.pending} busy="Saving…" idle="Save" />
        <ActionMessage result={form.result} success="Saved." />
      </div>
    </form>
  );
}
