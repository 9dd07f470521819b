import type { Message, Options } from "amqplib";
import type { DeadLetter } from "./ingest-message";

// The copy published to the dead-letter queue: the original body (or just the rejected
// items of a batch) with the original properties and headers, so it can be fixed and
// published again to the ingest queue as is, plus headers saying what was wrong:
//   x-crossdock-error            one line: what was wrong and where (field paths)
//   x-crossdock-rejected         JSON [{index, id, errors: [{path, code, message}]}] for the
//                                rejected events, index as in the original message
//   x-crossdock-source-queue     the queue it was read from
//   x-crossdock-dead-lettered-at when (RFC 3339)

// amqplib encodes headers in a 64 KiB buffer; the per-item list gives way first.
const REJECTED_LIMIT = 32_000;

export function deadLetterMessage(
  message: Pick<Message, "content" | "properties">,
  letter: DeadLetter,
  sourceQueue: string,
  now = new Date(),
): { content: Buffer; options: Options.Publish } {
  const p = message.properties;
  const headers: Record<string, unknown> = {
    ...(p.headers ?? {}),
    "x-crossdock-error": letter.reason,
    "x-crossdock-source-queue": sourceQueue,
    "x-crossdock-dead-lettered-at": now.toISOString(),
  };
  if (letter.rejected.length > 0) headers["x-crossdock-rejected"] = rejectedJson(letter);
  return {
    content: letter.body ?? message.content,
    options: {
      contentType: p.contentType,
      contentEncoding: p.contentEncoding,
      messageId: p.messageId,
      correlationId: p.correlationId,
      timestamp: p.timestamp,
      type: p.type,
      appId: p.appId,
      headers,
      persistent: true,
    },
  };
}

function rejectedJson(letter: DeadLetter): string {
  const items = [...letter.rejected];
  let text = JSON.stringify(items);
  while (text.length > REJECTED_LIMIT && items.length > 1) {
    items.splice(Math.ceil(items.length / 2));
    text = JSON.stringify([...items, { truncated: letter.rejected.length - items.length }]);
  }
  return text;
}
