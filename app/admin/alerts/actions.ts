"use server";

import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { getPool } from "@/lib/db";
import { alertSettings } from "@/lib/jobs/alerts/alert-settings";
import { createAlertChannelSchema, updateAlertChannelSchema } from "@/lib/services/alerts/alert-channel-schema";
import { createAlertRuleSchema, updateAlertRuleSchema } from "@/lib/services/alerts/alert-rule-schema";
import {
  createAlertChannel,
  deleteAlertChannel,
  setAlertChannelEnabled,
  updateAlertChannel,
} from "@/lib/services/alerts/save-alert-channel";
import {
  createAlertRule,
  deleteAlertRule,
  setAlertRuleEnabled,
  updateAlertRule,
} from "@/lib/services/alerts/save-alert-rule";
import { sendTestNotification } from "@/lib/services/alerts/send-test-notification";

// Alert rules and channels: each service writes the audit row.

const PATH = "/admin/alerts";
const PERMISSION = "admin:alerts";
const idSchema = z.object({ id: z.coerce.number().int().positive() });
const switchSchema = idSchema.extend({ enabled: z.boolean() });

export const createAlertChannelAction = serverAction({
  name: "createAlertChannelAction",
  permission: PERMISSION,
  schema: createAlertChannelSchema,
  run: (input, { actor, audit }) => createAlertChannel(getPool(), actor, input, audit),
  revalidate: PATH,
});

export const updateAlertChannelAction = serverAction({
  name: "updateAlertChannelAction",
  permission: PERMISSION,
  schema: updateAlertChannelSchema,
  run: (input, { actor, audit }) => updateAlertChannel(getPool(), actor, input, audit),
  revalidate: PATH,
});

export const setAlertChannelEnabledAction = serverAction({
  name: "setAlertChannelEnabledAction",
  permission: PERMISSION,
  schema: switchSchema,
  run: ({ id, enabled }, { actor, audit }) => setAlertChannelEnabled(getPool(), actor, id, enabled, audit),
  revalidate: PATH,
});

export const deleteAlertChannelAction = serverAction({
  name: "deleteAlertChannelAction",
  permission: PERMISSION,
  schema: idSchema,
  run: ({ id }, { actor, audit }) => deleteAlertChannel(getPool(), actor, id, audit),
  revalidate: PATH,
});

// Sends a test message through the saved channel and reports the answer.
export const sendTestNotificationAction = serverAction({
  name: "sendTestNotificationAction",
  permission: PERMISSION,
  schema: idSchema,
  run: ({ id }) => sendTestNotification(getPool(), id, alertSettings().publicUrl),
});

export const createAlertRuleAction = serverAction({
  name: "createAlertRuleAction",
  permission: PERMISSION,
  schema: createAlertRuleSchema,
  run: (input, { actor, audit }) => createAlertRule(getPool(), actor, input, audit),
  revalidate: PATH,
});

export const updateAlertRuleAction = serverAction({
  name: "updateAlertRuleAction",
  permission: PERMISSION,
  schema: updateAlertRuleSchema,
  run: (input, { actor, audit }) => updateAlertRule(getPool(), actor, input, audit),
  revalidate: PATH,
});

export const setAlertRuleEnabledAction = serverAction({
  name: "setAlertRuleEnabledAction",
  permission: PERMISSION,
  schema: switchSchema,
  run: ({ id, enabled }, { actor, audit }) => setAlertRuleEnabled(getPool(), actor, id, enabled, audit),
  revalidate: PATH,
});

export const deleteAlertRuleAction = serverAction({
  name: "deleteAlertRuleAction",
  permission: PERMISSION,
  schema: idSchema,
  run: ({ id }, { actor, audit }) => deleteAlertRule(getPool(), actor, id, audit),
  revalidate: PATH,
});
