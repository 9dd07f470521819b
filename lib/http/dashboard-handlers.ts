import type { Permission } from "@/lib/auth/permissions";
import { type CsvColumn, csvFilename, toCsv } from "@/lib/csv/csv";
import { type DashboardParams, loadDashboardParams } from "@/lib/filters/dashboard-params";
import { type DashboardLoad, readDashboardView } from "@/lib/queries/dashboard-views/read-dashboard-view";
import { jsonResponse } from "./responses";
import { withActor } from "./route-handler";

// The dashboard views' JSON and CSV route handlers share everything but what they load:
// withActor's session, permission and error mapping, the URL filters (the same parsers as
// the pages), the caller's site scope (inside the loader) and the read database
// (readDashboardView).

const paramsOf = (request: Request): DashboardParams => loadDashboardParams(new URL(request.url).searchParams);

export function dashboardJsonHandler<T>(permission: Permission, context: string, load: DashboardLoad<T>) {
  return withActor(permission, context, async (request, actor) =>
    jsonResponse(await readDashboardView(load, actor, paramsOf(request))),
  );
}

// A view under a dynamic segment (/workflows/:name): its handler is built from the segment.
export function withRouteParams<P>(handler: (params: P) => (request: Request) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> =>
    handler(await context.params)(request);
}

// The lists are small (groups, loads, signatures), so the file is built in one piece.
export function dashboardCsvHandler<T, R>(
  permission: Permission,
  context: string,
  list: string,
  load: DashboardLoad<T>,
  rows: (data: T) => readonly R[],
  columns: readonly CsvColumn<R>[],
) {
  return withActor(permission, context, async (request, actor) => {
    const now = new Date();
    const csv = toCsv(columns, rows(await readDashboardView(load, actor, paramsOf(request), now)));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${csvFilename(list, now)}"`,
        "cache-control": "no-store",
      },
    });
  });
}
