import { type AlertMessage, headline } from "./message";

// One message in each channel's shape. The generic webhook gets AlertMessage as is.

export function webhookBody(m: AlertMessage): AlertMessage {
  return m;
}

// Slack incoming webhooks (and the many tools that accept their format): `text` is the
// fallback shown in notifications, `blocks` the formatted message.
export function slackBody(m: AlertMessage): { text: string; blocks: unknown[] } {
  const text = `${headline(m)}: ${m.summary}`;
  const facts = [
    m.workflow ? `*Workflow:* ${m.workflow}` : null,
    m.site ? `*Site:* ${m.site}` : null,
    m.system ? `*System:* ${m.system}` : null,
    `*Value:* ${valueText(m)}`,
    `*Threshold:* ${m.threshold}${unitSuffix(m)}`,
    `*Started:* ${m.started_at}`,
    m.resolved_at ? `*Resolved:* ${m.resolved_at}` : null,
  ].filter((f): f is string => f !== null);
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(headline(m))}*\n${escapeSlack(m.summary)}` } },
      { type: "section", fields: facts.map((f) => ({ type: "mrkdwn", text: escapeSlack(f) })) },
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Open in Crossdock" }, url: m.link }],
      },
    ],
  };
}

export function emailContent(m: AlertMessage): { subject: string; text: string } {
  const lines = [
    m.summary,
    "",
    m.workflow ? `Workflow:  ${m.workflow}` : null,
    m.site ? `Site:      ${m.site}` : null,
    m.system ? `System:    ${m.system}` : null,
    `Value:     ${valueText(m)}`,
    `Threshold: ${m.threshold}${unitSuffix(m)}`,
    `Started:   ${m.started_at}`,
    m.resolved_at ? `Resolved:  ${m.resolved_at}` : null,
    "",
    `Details: ${m.link}`,
  ].filter((l): l is string => l !== null);
  return { subject: headline(m), text: `${lines.join("\n")}\n` };
}

function valueText(m: AlertMessage): string {
  return m.value === null ? "no data" : `${m.value}${unitSuffix(m)}`;
}

function unitSuffix(m: AlertMessage): string {
  return m.unit === "%" ? "%" : m.unit ? ` ${m.unit}` : "";
}

// Slack treats &, < and > as markup.
function escapeSlack(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
