import { FAILURE_SIGNATURE_CSV_COLUMNS } from "@/lib/csv/failure-signature-columns";
import { dashboardCsvHandler } from "@/lib/http/dashboard-handlers";
import { loadFailureSignatures } from "@/lib/queries/dashboard-views/load-failure-signatures";

export const dynamic = "force-dynamic";

// GET /api/dashboard/failures/export - the error signatures as CSV, with the view's filters
export const GET = dashboardCsvHandler(
  "transactions:read",
  "GET /api/dashboard/failures/export",
  "failure-signatures",
  loadFailureSignatures,
  (v) => v.signatures,
  FAILURE_SIGNATURE_CSV_COLUMNS,
);
