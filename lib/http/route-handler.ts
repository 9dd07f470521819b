import { type Actor, requireActor } from "@/lib/auth/actor";
import { type ApiCaller, type ApiScope, authenticateApiKey } from "@/lib/auth/api-keys";
import type { Permission } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { observeRequest, type RequestScope } from "./observe-request";

// The route handlers' shared frame: who is calling (a signed-in person allowed the
// permission, or an API key with the scope), then the handler; observeRequest gives each
// request its id and timing, and answers any error thrown with toErrorResponse. `context`
// is Next's second argument (the route's params); `scope` carries the request id and the
// request's logger.

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

export function withActor<C = void>(
  permission: Permission,
  name: string,
  handle: (request: Request, actor: Actor, context: C, scope: RequestScope) => Promise<Response>,
): RouteHandler<C> {
  return (request, context) =>
    observeRequest(request, name, async (scope) => handle(request, await requireActor(permission), context, scope));
}

export function withApiKey<C = void>(
  scope: ApiScope,
  name: string,
  handle: (request: Request, caller: ApiCaller, context: C, scope: RequestScope) => Promise<Response>,
): RouteHandler<C> {
  return (request, context) =>
    observeRequest(request, name, async (requestScope) => {
      const auth = await authenticateApiKey(getPool(), request.headers.get("authorization"), scope);
      if (!auth.ok) throw new AppError(auth.status, auth.message, undefined, { "www-authenticate": "Bearer" });
      return handle(request, auth.caller, context, requestScope);
    });
}
