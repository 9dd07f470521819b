import { ZodError } from "zod";
import { AuthError } from "./errors";

// What every server action returns: the UI shows `message`; nothing is thrown to the client.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 500; message: string; fieldErrors?: Record<string, string> };

export class ActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

// Wraps a server action body: auth, validation and domain errors become results.
export async function runAction<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof AuthError || error instanceof ActionError) return { ok: false, status: error.status, message: error.message };
    if (error instanceof ZodError) {
      const fieldErrors = Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
      return { ok: false, status: 400, message: "Some fields are not valid.", fieldErrors };
    }
    console.error(`${name} failed:`, error);
    return { ok: false, status: 500, message: "Something went wrong; nothing was changed." };
  }
}
