import { ZodError } from "zod";
import { AppError, type ErrorStatus, fieldErrorsOf } from "@/lib/errors";
import { getLogger } from "@/lib/telemetry/logger";

// What every server action returns: the UI shows `message`; nothing is thrown to the client.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; status: ErrorStatus | 500; message: string; fieldErrors?: Record<string, string> };

// A refusal (AppError) or invalid input (ZodError) as the form shows it; anything else
// is logged and answered without internals.
export function actionFailure(name: string, error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) return { ok: false, status: error.status, message: error.message };
  if (error instanceof ZodError)
    return { ok: false, status: 400, message: "Some fields are not valid.", fieldErrors: fieldErrorsOf(error) };
  getLogger().error({ err: error, action: name }, `${name} failed`);
  return { ok: false, status: 500, message: "Something went wrong; nothing was changed." };
}
