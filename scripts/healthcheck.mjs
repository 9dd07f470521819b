// The container image's HEALTHCHECK: exit 0 when GET /api/health on this container's PORT
// answers 200 (database reachable, migrations current), 1 otherwise. Plain Node, no
// dependencies: the image has no curl or wget.
const port = process.env.PORT ?? "3000";
try {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) console.error(`healthcheck: /api/health answered ${response.status}: ${await response.text()}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: /api/health did not answer: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
