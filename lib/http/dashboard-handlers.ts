import { requireActor, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { csvFilename, toCsv, type CsvColumn } from "@/lib/csv/csv";
import { getDatabase } from "@/lib/db";
import { loadDashboardParams, type DashboardParams } from "@/lib/filters/dashboard-params";
import type { DashboardDb } from "@/lib/queries/dashboard/filter";
import { jsonResponse, toErrorResponse } from "./responses";

// The dashboard views' JSON and CSV route handlers share everything but what they load:
// the session and permission check, the URL filters (the same parsers as the pages), the
// caller's site scope (inside the loader) and the error mapping.

type Load<T> = (db: DashboardDb, actor: Actor, params: DashboardParams, now: Date) => Promise<T>;

async function run(permission: Permission, context: string, request: Request, answer: (actor: Actor, params: DashboardParams) => Promise<Response>): Promise<Response> {
  try {
    const actor = await requireActor(permission);
    return await answer(actor, loadDashboardParams(new URL(request.url).searchParams));
  } catch (error) {
    return toErrorResponse(error, context);
  }
}

export function dashboardJsonHandler<T>(permission: Permission, context: string, load: Load<T>) {
  return (request: Request): Promise<Response> =>
    run(permission, context, request, async (actor, params) => jsonResponse(await load(getDatabase(), actor, params, new Date())));
}

// The lists are small (groups, loads, signatures), so the file is built in one piece.
export function dashboardCsvHandler<T, R>(permission: Permission, context: string, list: string, load: Load<T>, rows: (data: T) => readonly R[], columns: readonly CsvColumn<R>[]) {
  return (request: Request): Promise<Response> =>
    run(permission, context, request, async (actor, params) => {
      const now = new Date();
      const csv = toCsv(columns, rows(await load(getDatabase(), actor, params, now)));
      return new Response(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${csvFilename(list, now)}"`,
          "cache-control": "no-store",
        },
      });
    });
}
