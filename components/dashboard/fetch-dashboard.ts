// A dashboard view's JSON route, read from the browser. The routes answer errors as
// `{ error: { message } }`; that message is what the card's error state shows.
export async function fetchDashboard<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(typeof message === "string" ? message : `The server answered ${response.status}.`);
  }
  // Our own route, whose body is the loader's serialized read model (typed on the server).
  return body as T;
}
