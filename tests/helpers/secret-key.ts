// A fixed CROSSDOCK_SECRET_KEY, unless the environment has one, for tests that store or
// read encrypted secrets (replay auth headers, alert channel secrets).
export function setTestSecretKey(): void {
  process.env.CROSSDOCK_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
}
