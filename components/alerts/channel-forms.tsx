"use client";

import { createAlertChannelAction, updateAlertChannelAction } from "@/app/admin/alerts/actions";
import { ActionMessage, SubmitButton } from "@/components/admin/form-parts";
import { cardClass } from "@/components/admin/form-styles";
import { useActionForm } from "@/components/admin/use-action-form";
import type { AlertChannelListItem } from "@/lib/queries/alerts/list-alert-config";
import type { SavedAlertChannel } from "@/lib/services/alerts/save-alert-channel";
import { ChannelFields, channelFormValues } from "./channel-fields";

export function CreateChannelForm() {
  const form = useActionForm<SavedAlertChannel>(
    (data) => createAlertChannelAction(channelFormValues(data)),
    (_saved, element) => element.reset(),
  );
  return (
    <section aria-labelledby="create-channel-title" className={`${cardClass} flex flex-col gap-4`}>
      <h2 id="create-channel-title" className="font-medium">
        Add a channel
      </h2>
      <form onSubmit={form.onSubmit} className="flex flex-wrap items-start gap-4" noValidate>
        <ChannelFields idPrefix="new-channel" fieldError={form.fieldError} />
        <div className="pt-5">
          <SubmitButton pending={form.pending} busy="Adding…" idle="Add channel" />
        </div>
      </form>
      <ActionMessage
        result={form.result}
        success={form.result?.ok ? `Added ${form.result.data.name}. Send a test to check it.` : undefined}
      />
    </section>
  );
}

export function EditChannelForm({ channel }: { channel: AlertChannelListItem }) {
  const form = useActionForm<SavedAlertChannel>((data) =>
    updateAlertChannelAction({ id: channel.id, enabled: channel.enabled, ...channelFormValues(data) }),
  );
  return (
    <form onSubmit={form.onSubmit} className="mt-3 flex flex-col gap-3" noValidate>
      <div className="flex flex-wrap items-start gap-4">
        <ChannelFields idPrefix={`channel-${channel.id}`} channel={channel} fieldError={form.fieldError} />
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton pending={form.pending} busy="Saving…" idle="Save" />
        <ActionMessage result={form.result} success="Saved." />
      </div>
    </form>
  );
}
