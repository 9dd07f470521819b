import dns, { type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { getEnv } from "@/lib/env";
import { canonicalIp, inSubnet, internalKindOf } from "./address-kind";

// Outbound calls to addresses that admins type in (replay endpoints, record checks, alert
// webhooks, SMTP hosts) must not reach inside the network: loopback, private, link-local
// (cloud metadata), unique-local and the like are refused unless the operator lists the
// host in CROSSDOCK_ALLOWED_PRIVATE_HOSTS. The check is made on the address actually
// connected to: the name is resolved once, every address it gave is checked, and the
// socket connects to those addresses only, so a name that answers differently the second
// time (DNS rebinding) cannot slip past a check made earlier.

export class OutboundRefusedError extends Error {
  override name = "OutboundRefusedError";
}

export interface AllowList {
  hosts: Set<string>; // host names, lower case, without a trailing dot
  ips: Set<string>; // canonical IPs
  subnets: [network: string, bits: number][];
}

export type Resolve = (host: string) => Promise<LookupAddress[]>;

const ADVICE = "outbound calls to private networks are refused unless CROSSDOCK_ALLOWED_PRIVATE_HOSTS lists it";
const SAVE_LOOKUP_MS = 3000;

const systemResolve: Resolve = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

// "erp.internal, 127.0.0.1, 10.20.0.0/16, [fd00::1]": host names, IPs and CIDRs.
export function parseAllowList(value: string): AllowList {
  const allow: AllowList = { hosts: new Set(), ips: new Set(), subnets: [] };
  for (const raw of value.split(/[\s,]+/).filter(Boolean)) {
    const entry = raw.replace(/^\[(.*)\]$/, "$1").toLowerCase();
    const [network, bits, extra] = entry.split("/");
    if (bits !== undefined) {
      const max = isIP(network!) === 4 ? 32 : 128;
      if (!isIP(network!) || extra !== undefined || !/^\d+$/.test(bits) || Number(bits) > max) {
        throw new Error(
          `CROSSDOCK_ALLOWED_PRIVATE_HOSTS: '${raw}' is not a valid CIDR (e.g. 10.20.0.0/16 or fd00::/8)`,
        );
      }
      allow.subnets.push([network!, Number(bits)]);
    } else if (isIP(entry)) {
      allow.ips.add(canonicalIp(entry)!);
    } else {
      allow.hosts.add(normalHost(entry));
    }
  }
  return allow;
}

// Why a connection to `host` at `addresses` is refused, or null when it may go ahead.
// One internal address among several refuses the name: which one a connection would use
// is not ours to choose.
export function refusalOf(host: string, addresses: readonly string[], allow: AllowList): string | null {
  const name = normalHost(host);
  if (allow.hosts.has(name)) return null;
  for (const address of addresses) {
    const kind = internalKindOf(address);
    if (kind === null || allows(allow, address)) continue;
    const what = `${kind === "unspecified" ? "an" : "a"} ${kind} address`;
    return isIP(name) ? `${name} is ${what}; ${ADVICE}.` : `${name} resolves to ${address}, ${what}; ${ADVICE}.`;
  }
  return null;
}

// For the admin forms on save: why calls to this URL's host would be refused, or null.
// A name that does not resolve from here (yet) is not judged now; every call checks again.
export async function outboundUrlProblem(
  url: string,
  allow = configuredAllowList(),
  resolve = systemResolve,
): Promise<string | null> {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null; // the URL's own validation says what is wrong with it
  }
  return outboundHostProblem(host, allow, resolve);
}

export async function outboundHostProblem(
  host: string,
  allow = configuredAllowList(),
  resolve = systemResolve,
): Promise<string | null> {
  const name = normalHost(host);
  if (isIP(name)) return refusalOf(name, [name], allow);
  if (allow.hosts.has(name)) return null;
  const addresses = await withTimeout(resolve(name), SAVE_LOOKUP_MS).catch(() => null);
  return addresses
    ? refusalOf(
        name,
        addresses.map((a) => a.address),
        allow,
      )
    : null;
}

// The address to connect to for a host (an SMTP server): resolved and checked here, so
// the connection goes to exactly the address that was checked. A listed name is returned
// as it is.
export async function resolveOutboundHost(
  host: string,
  allow = configuredAllowList(),
  resolve = systemResolve,
): Promise<string> {
  const name = normalHost(host);
  if (!isIP(name) && allow.hosts.has(name)) return name;
  const addresses = isIP(name) ? [{ address: name, family: isIP(name) }] : await resolve(name);
  const problem = refusalOf(
    name,
    addresses.map((a) => a.address),
    allow,
  );
  if (problem) throw new OutboundRefusedError(problem);
  if (!addresses[0]) throw new Error(`${name} has no address.`);
  return addresses[0].address;
}

// An undici dispatcher whose every connection is checked: names through the lookup the
// socket connects with, IP literals (which sockets do not look up) before connecting.
export function createOutboundAgent(allow: AllowList, resolve: Resolve = systemResolve): Agent {
  const connect = buildConnector({ lookup: guardedLookup(allow, resolve) });
  return new Agent({
    connect: (options, callback) => {
      const problem = isIP(options.hostname) ? refusalOf(options.hostname, [options.hostname], allow) : null;
      if (problem) return callback(new OutboundRefusedError(problem), null);
      return connect(options, callback);
    },
  });
}

// The runtime's fetch (undici inside Node) with the checked dispatcher. undici's own fetch
// works too, but its first call in a process held up the replay worker's heartbeat on a
// busy machine. A refused address throws OutboundRefusedError itself (not fetch's "fetch
// failed" around it), so callers can say why.
export async function outboundFetch(
  url: string,
  init: RequestInit = {},
  dispatcher: Agent = configuredAgent(),
): Promise<Response> {
  try {
    return await fetch(url, { ...init, dispatcher } as RequestInit);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw cause instanceof OutboundRefusedError ? cause : error;
  }
}

function guardedLookup(allow: AllowList, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const problem = refusalOf(
          hostname,
          all.map((a) => a.address),
          allow,
        );
        if (problem) return callback(new OutboundRefusedError(problem), "", 0);
        const wanted =
          options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        if (!wanted[0])
          return callback(
            Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: "ENOTFOUND" }),
            "",
            0,
          );
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

let configured: { allow: AllowList; agent?: Agent } | undefined;

function configuredAllowList(): AllowList {
  configured ??= { allow: parseAllowList(getEnv().CROSSDOCK_ALLOWED_PRIVATE_HOSTS) };
  return configured.allow;
}

function configuredAgent(): Agent {
  const allow = configuredAllowList();
  configured!.agent ??= createOutboundAgent(allow);
  return configured!.agent;
}

function allows(allow: AllowList, address: string): boolean {
  const ip = canonicalIp(address);
  return (
    ip !== null && (allow.ips.has(ip) || allow.subnets.some(([network, bits]) => inSubnet(address, network, bits)))
  );
}

function normalHost(host: string): string {
  return host
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
