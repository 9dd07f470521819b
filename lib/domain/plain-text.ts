import type { z } from "zod";

// PostgreSQL's text and jsonb cannot hold a NUL character. Every free text that is stored
// (an event's fields, a reason, a note) refuses it at parsing, with its path, rather than
// fail in the database with a 500.
export const withoutNul = <S extends z.ZodString>(s: S) =>
  s.refine((v) => !v.includes("\u0000"), "must not contain a NUL character (\\u0000)");
