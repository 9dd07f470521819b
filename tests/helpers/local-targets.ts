// Outbound calls to loopback addresses are refused unless the operator lists them
// (CROSSDOCK_ALLOWED_PRIVATE_HOSTS); the targets, sinks and servers tests start live there.
export function allowLocalTargets(): void {
  process.env.CROSSDOCK_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
}
