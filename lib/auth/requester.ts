import type { Actor } from "./actor";
import type { ApiCaller, ApiScope } from "./api-keys";
import type { Permission } from "./permissions";
import type { SiteScope } from "./site-scope";

// Who asks for a replay, a bulk replay or a resolution by hand: a signed-in person, or an
// API key that a runbook or an ITSM tool calls with. The replay services check permissions,
// sites and force through this and name it on the trace and in the audit log, so people
// and automation follow the same rules.
export interface Requester {
  name: string; // the audit actor and `requested_by`: the person's email, or "api_key:<prefix>"
  scope: SiteScope;
  permissions: readonly Permission[];
  title: string; // whom a refusal addresses: "Your role (viewer)" or "This API key (cdk_…)"
}

// What each API key scope lets automation do. A replay key may force (with a reason, as
// engineers do): a runbook that redelivers a lost posting needs it, and the reason is on
// the record. Nobody edits a payload through the API.
export const SCOPE_PERMISSIONS: Record<ApiScope, readonly Permission[]> = {
  ingest: [],
  read: [],
  replay: ["transactions:replay", "transactions:force_replay"],
  resolve: ["transactions:resolve"],
};

export function requesterOf(who: Actor | Requester): Requester {
  if (!("userId" in who)) return who;
  return { name: who.email, scope: who.scope, permissions: who.permissions, title: `Your role (${who.role})` };
}

export function requesterOfKey(caller: ApiCaller): Requester {
  return {
    name: `api_key:${caller.prefix}`,
    scope: caller.scope,
    permissions: [...new Set(caller.scopes.flatMap((s) => SCOPE_PERMISSIONS[s] ?? []))],
    title: `This API key (${caller.prefix})`,
  };
}

export function mayDo(requester: Requester, permission: Permission): boolean {
  return requester.permissions.includes(permission);
}
