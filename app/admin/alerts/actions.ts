"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { runAction, type ActionResult } from "@/lib/auth/action-result";
import { getPool } from "@/lib/db";
import type { SendOutcome } from "@/lib/alerts/send-notification";
import { alertSettings } from "@/lib/jobs/alert-settings";
import { createAlertChannelSchema, updateAlertChannelSchema } from "@/lib/services/alerts/alert-channel-schema";
import { createAlertRuleSchema, updateAlertRuleSchema } from "@/lib/services/alerts/alert-rule-schema";
import { createAlertChannel, deleteAlertChannel, setAlertChannelEnabled, updateAlertChannel, type SavedAlertChannel } from "@/lib/services/alerts/save-alert-channel";
import { createAlertRule, deleteAlertRule, setAlertRuleEnabled, updateAlertRule, type SavedAlertRule } from "@/lib/services/alerts/save-alert-rule";
import { sendTestNotification } from "@/lib/services/alerts/send-test-notification";
import { auditContext } from "../audit-context";

// Alert rules and channels: each action checks the session and admin:alerts first,
// validates with zod, and calls a service that writes the audit row.

const PATH = "/admin/alerts";
const idSchema = z.object({ id: z.coerce.number().int().positive() });
const switchSchema = idSchema.extend({ enabled: z.boolean() });

export async function createAlertChannelAction(raw: z.input<typeof createAlertChannelSchema>): Promise<ActionResult<SavedAlertChannel>> {
  return runAction("createAlertChannelAction", async () => {
    const actor = await requireActor("admin:alerts");
    const saved = await createAlertChannel(getPool(), actor, createAlertChannelSchema.parse(raw), await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

export async function updateAlertChannelAction(raw: z.input<typeof updateAlertChannelSchema>): Promise<ActionResult<SavedAlertChannel>> {
  return runAction("updateAlertChannelAction", async () => {
    const actor = await requireActor("admin:alerts");
    const saved = await updateAlertChannel(getPool(), actor, updateAlertChannelSchema.parse(raw), await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

export async function setAlertChannelEnabledAction(raw: { id: number; enabled: boolean }): Promise<ActionResult<SavedAlertChannel>> {
  return runAction("setAlertChannelEnabledAction", async () => {
    const actor = await requireActor("admin:alerts");
    const { id, enabled } = switchSchema.parse(raw);
    const saved = await setAlertChannelEnabled(getPool(), actor, id, enabled, await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

export async function deleteAlertChannelAction(raw: { id: number }): Promise<ActionResult<SavedAlertChannel>> {
  return runAction("deleteAlertChannelAction", async () => {
    const actor = await requireActor("admin:alerts");
    const saved = await deleteAlertChannel(getPool(), actor, idSchema.parse(raw).id, await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

// Sends a test message through the saved channel and reports the answer.
export async function sendTestNotificationAction(raw: { id: number }): Promise<ActionResult<SendOutcome>> {
  return runAction("sendTestNotificationAction", async () => {
    await requireActor("admin:alerts");
    const { id } = idSchema.parse(raw);
    return sendTestNotification(getPool(), id, alertSettings().publicUrl);
  });
}

export async function createAlertRuleAction(raw: z.input<typeof createAlertRuleSchema>): Promise<ActionResult<SavedAlertRule>> {
  return runAction("createAlertRuleAction", async () => {
    const actor = await requireActor("admin:alerts");
    const saved = await createAlertRule(getPool(), actor, createAlertRuleSchema.parse(raw), await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

export async function updateAlertRuleAction(raw: z.input<typeof updateAlertRuleSchema>): Promise<ActionResult<SavedAlertRule>> {
  return runAction("updateAlertRuleAction", async () => {
    const actor = await requireActor("admin:alerts");
    const saved = await updateAlertRule(getPool(), actor, updateAlertRuleSchema.parse(raw), await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

export async function setAlertRuleEnabledAction(raw: { id: number; enabled: boolean }): Promise<ActionResult<SavedAlertRule>> {
  return runAction("setAlertRuleEnabledAction", async () => {
    const actor = await requireActor("admin:alerts");
    const { id, enabled } = switchSchema.parse(raw);
    const saved = await setAlertRuleEnabled(getPool(), actor, id, enabled, await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}

export async function deleteAlertRuleAction(raw: { id: number }): Promise<ActionResult<SavedAlertRule>> {
  return runAction("deleteAlertRuleAction", async () => {
    const actor = await requireActor("admin:alerts");
    const saved = await deleteAlertRule(getPool(), actor, idSchema.parse(raw).id, await auditContext());
    revalidatePath(PATH);
    return saved;
  });
}
