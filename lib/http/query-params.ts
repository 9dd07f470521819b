import type { z } from "zod";
import { AppError } from "@/lib/errors";

// Query string -> validated object. `ref.loadId=L-77` and `loadId=L-77` mean the same.
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key.replace(/^refs?\./, "")] = value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError(400, "Invalid query parameters.", { errors });
  }
  return parsed.data;
}
