// A server action's data; when the action answered with an error instead, the test fails
// with its status, message and field errors.
export function okData<T>(
  result: { ok: true; data: T } | { ok: false; status: number; message: string; fieldErrors?: Record<string, string> },
): T {
  if (!result.ok) throw new Error(`${result.status} ${result.message} ${JSON.stringify(result.fieldErrors)}`);
  return result.data;
}
