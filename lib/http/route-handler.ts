import { type Actor, requireActor } from "@/lib/auth/actor";
import { type ApiCaller, type ApiScope, authenticateApiKey } from "@/lib/auth/api-keys";
import type { Permission } from "@/lib/auth/permissions";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "./responses";

// The route handlers' shared frame: who is calling (a signed-in person allowed the
// permission, or an API key with the scope), then the handler, and any error it throws
// answered by toErrorResponse. `context` is Next's second argument (the route's params).

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

function answerErrors<C>(name: string, handle: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    try {
      return await handle(request, context);
    } catch (error) {
      return toErrorResponse(error, name);
    }
  };
}

export function withActor<C = void>(
  permission: Permission,
  name: string,
  handle: (request: Request, actor: Actor, context: C) => Promise<Response>,
): RouteHandler<C> {
  return answerErrors(name, async (request, context) => handle(request, await requireActor(permission), context));
}

export function withApiKey<C = void>(
  scope: ApiScope,
  name: string,
  handle: (request: Request, caller: ApiCaller, context: C) => Promise<Response>,
): RouteHandler<C> {
  return answerErrors(name, async (request, context) => {
    const auth = await authenticateApiKey(getPool(), request.headers.get("authorization"), scope);
    if (!auth.ok) throw new AppError(auth.status, auth.message, undefined, { "www-authenticate": "Bearer" });
    return handle(request, auth.caller, context);
  });
}
