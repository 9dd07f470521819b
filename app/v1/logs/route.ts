import { handleOtlpExport } from "@/lib/ingest/otlp/handle-export";

export const dynamic = "force-dynamic";

// POST /v1/logs - OTLP/HTTP logs export (protobuf or JSON, optionally gzip): each log record becomes an event
export async function POST(request: Request): Promise<Response> {
  return handleOtlpExport(request, "logs");
}
