// Reading a target's answers: its body as JSON when it is JSON, and its own words for the
// person who asked. Shared by the delivery and the record check so both read alike.

export async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => "");
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

export function stringField(body: unknown, key: string): string | null {
  return isObject(body) && typeof body[key] === "string" ? body[key] : null;
}

// {"error": {"message"}}, {"message"} or a plain text.
export function messageOf(body: unknown): string {
  const nested = isObject(body) && isObject(body.error) ? body.error.message : isObject(body) ? body.message : body;
  return (typeof nested === "string" && nested ? nested : "no message").slice(0, 1000);
}
