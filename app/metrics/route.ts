import { AppError } from "@/lib/errors";
import { observeRequest } from "@/lib/http/observe-request";
import { getAppMetrics } from "@/lib/telemetry/app-metrics";
import { isMetricsToken, metricsToken } from "@/lib/telemetry/metrics-settings";

export const dynamic = "force-dynamic";

// GET /metrics - Prometheus text format, for a scraper holding CROSSDOCK_METRICS_TOKEN (404 while it is unset)
export async function GET(request: Request): Promise<Response> {
  return observeRequest(request, "GET /metrics", async () => {
    const token = metricsToken();
    // Off until configured: nothing about the installation is readable without a token.
    if (token === null)
      throw new AppError(
        404,
        "Metrics are off. Set CROSSDOCK_METRICS_TOKEN (at least 16 characters) and scrape /metrics with it as a Bearer token.",
      );
    if (!isMetricsToken(request.headers.get("authorization"), token))
      throw new AppError(
        401,
        "Send the metrics token as 'Authorization: Bearer <CROSSDOCK_METRICS_TOKEN>'.",
        undefined,
        {
          "www-authenticate": 'Bearer realm="metrics"',
        },
      );
    const { registry } = getAppMetrics();
    return new Response(await registry.metrics(), {
      headers: { "content-type": registry.contentType, "cache-control": "no-store" },
    });
  });
}
