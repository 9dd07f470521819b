import { describe, expect, it } from "vitest";
import { logSettings } from "@/lib/telemetry/log-settings";
import { isMetricsToken, metricsToken } from "@/lib/telemetry/metrics-settings";
import { requestIdOf } from "@/lib/telemetry/request-id";

describe("metrics token", () => {
  it("is off when unset or empty, and refuses a short one naming the variable", () => {
    expect(metricsToken({})).toBeNull();
    expect(metricsToken({ CROSSDOCK_METRICS_TOKEN: "" })).toBeNull();
    expect(metricsToken({ CROSSDOCK_METRICS_TOKEN: "0123456789abcdef" })).toBe("0123456789abcdef");
    expect(() => metricsToken({ CROSSDOCK_METRICS_TOKEN: "short" })).toThrow(
      /CROSSDOCK_METRICS_TOKEN must be at least 16 characters/,
    );
  });

  it("accepts exactly the token as a Bearer credential", () => {
    const token = "0123456789abcdef";
    expect(isMetricsToken(`Bearer ${token}`, token)).toBe(true);
    expect(isMetricsToken(`bearer ${token}`, token)).toBe(true);
    expect(isMetricsToken(`Bearer ${token}0`, token)).toBe(false);
    expect(isMetricsToken(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(isMetricsToken(`Basic ${token}`, token)).toBe(false);
    expect(isMetricsToken(null, token)).toBe(false);
  });
});

describe("log settings", () => {
  it("defaults to JSON at info, and names a wrong value", () => {
    expect(logSettings({})).toEqual({ format: "json", level: "info" });
    expect(logSettings({ CROSSDOCK_LOG_FORMAT: "pretty", CROSSDOCK_LOG_LEVEL: "debug" })).toEqual({
      format: "pretty",
      level: "debug",
    });
    expect(() => logSettings({ CROSSDOCK_LOG_FORMAT: "text" })).toThrow(/CROSSDOCK_LOG_FORMAT must be json or pretty/);
    expect(() => logSettings({ CROSSDOCK_LOG_LEVEL: "verbose" })).toThrow(/CROSSDOCK_LOG_LEVEL must be one of/);
  });
});

describe("request id", () => {
  it("keeps a plain id the client sent and makes one otherwise", () => {
    expect(requestIdOf(new Headers({ "x-request-id": "lb-7f3a:9" }))).toBe("lb-7f3a:9");
    const made = requestIdOf(new Headers());
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(new Headers())).not.toBe(made);
    expect(requestIdOf(new Headers({ "x-request-id": "has spaces in it" }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(new Headers({ "x-request-id": "x".repeat(129) }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
