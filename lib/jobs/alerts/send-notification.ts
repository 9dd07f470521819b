import nodemailer from "nodemailer";
import { emailContent, slackBody, webhookBody } from "@/lib/domain/alerts/format";
import type { AlertMessage } from "@/lib/domain/alerts/message";
import { outboundFetch, resolveOutboundHost } from "@/lib/net/outbound-guard";
import type { ChannelConfig } from "./channel-config";

// Sends one alert message to one channel, outside any database transaction, and says what
// happened in words an admin can act on: the HTTP status and the start of the answer, the
// SMTP server's response, or the error. Never throws.

export interface SendOutcome {
  ok: boolean;
  // "HTTP 200 ok", "250 Accepted", or the error
  response: string;
}

const TIMEOUT_MS = 10_000;

export async function sendNotification(channel: ChannelConfig, message: AlertMessage): Promise<SendOutcome> {
  try {
    if (channel.kind === "email") return await sendEmail(channel, message);
    return await postJson(channel.url, channel.kind === "slack" ? slackBody(message) : webhookBody(message));
  } catch (error) {
    return { ok: false, response: describe(error) };
  }
}

async function postJson(url: string, body: unknown): Promise<SendOutcome> {
  const res = await outboundFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Crossdock-Alerts" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = (await res.text().catch(() => "")).trim().slice(0, 200);
  return { ok: res.ok, response: `HTTP ${res.status}${text ? ` ${text}` : ""}` };
}

async function sendEmail(
  channel: Extract<ChannelConfig, { kind: "email" }>,
  message: AlertMessage,
): Promise<SendOutcome> {
  const s = channel.settings;
  // Connect to the checked address; the name stays the TLS server name the certificate must match.
  const address = await resolveOutboundHost(s.host);
  const transport = nodemailer.createTransport({
    host: address,
    ...(address !== s.host ? { tls: { servername: s.host } } : {}),
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: channel.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const { subject, text } = emailContent(message);
    const info = await transport.sendMail({ from: s.from, to: s.to, subject, text });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0)
      return { ok: false, response: `Rejected recipients: ${rejected.join(", ")} (${info.response})` };
    return { ok: true, response: info.response };
  } finally {
    transport.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return `No answer within ${TIMEOUT_MS / 1000} s.`;
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${detail}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
