import { bulkFilterSchema } from "@/lib/services/replay/bulk-replay";

// The transaction list's filter as automation sends it for a bulk replay or its estimate:
// strict, and never empty, so a misspelt field cannot widen a bulk replay to everything.
export const apiBulkFilterSchema = bulkFilterSchema
  .strict()
  .refine((f) => Object.values(f).some((v) => v !== undefined), {
    message: "Name at least one filter field (e.g. status, workflow, site, errorSignature, loadId).",
  });
