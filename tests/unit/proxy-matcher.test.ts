import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

// The sign-in proxy is the outer door: the Prometheus scrape must reach its own token
// check (a scraper has no session), and nothing else may slip past through a look-alike path.
const runsProxy = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("proxy matcher", () => {
  it("lets /metrics through to its own token check", () => {
    expect(runsProxy("/metrics")).toBe(false);
  });

  it("still guards pages and the session API, including paths that only start like /metrics", () => {
    expect(runsProxy("/")).toBe(true);
    expect(runsProxy("/api/dashboard/overview")).toBe(true);
    expect(runsProxy("/metrics-admin")).toBe(true);
    expect(runsProxy("/metrics/anything")).toBe(true);
  });

  it("leaves the API-key routes to their keys, as before", () => {
    expect(runsProxy("/api/v1/events")).toBe(false);
    expect(runsProxy("/v1/traces")).toBe(false);
  });
});
