import { handleOtlpExport } from "@/lib/ingest/otlp/handle-export";

export const dynamic = "force-dynamic";

// POST /v1/traces - OTLP/HTTP trace export (protobuf or JSON, optionally gzip): each span becomes an event
export async function POST(request: Request): Promise<Response> {
  return handleOtlpExport(request, "traces");
}
