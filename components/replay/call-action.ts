import type { ActionResult } from "@/lib/actions/action-result";

// A server action call that never throws in the browser: a network failure becomes a
// result like any other refusal, so every dialog shows it the same way.
export async function callAction<T>(call: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call;
  } catch {
    return { ok: false, status: 500, message: "The server could not be reached; nothing was changed." };
  }
}

export function messageOf(result: Extract<ActionResult<unknown>, { ok: false }>): string {
  return result.fieldErrors ? Object.values(result.fieldErrors).join(" ") : result.message;
}
