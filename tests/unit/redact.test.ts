import { describe, expect, it } from "vitest";
import { isValidRedactionPath, REDACTED, redact } from "@/lib/domain/redact";

describe("redact", () => {
  const payload = {
    customer: { id: "C-1", email: "ann@example.com", phone: "+1 555" },
    shipTo: { address: { street: "1 Main St", city: "Springfield" }, name: "Ann" },
    lines: [
      { sku: "A", price: 10 },
      { sku: "B", price: 20 },
    ],
    payment: { card: "4111111111111111", amount: 30 },
  };

  it("masks whole values (objects included) at the configured paths and leaves the rest", () => {
    const { value, count } = redact(payload, ["customer.email", "shipTo.address", "payment.card"]);
    expect(value).toEqual({
      customer: { id: "C-1", email: REDACTED, phone: "+1 555" },
      shipTo: { address: REDACTED, name: "Ann" },
      lines: payload.lines,
      payment: { card: REDACTED, amount: 30 },
    });
    expect(count).toBe(3);
    expect(payload.customer.email).toBe("ann@example.com"); // the input is not mutated
  });

  it("walks through arrays and supports * for any key", () => {
    expect(redact(payload, ["lines.price"]).value).toMatchObject({
      lines: [
        { sku: "A", price: REDACTED },
        { sku: "B", price: REDACTED },
      ],
    });
    expect(redact({ a: { x: { secret: 1 }, y: { secret: 2, keep: 3 } } }, ["a.*.secret"]).value).toEqual({
      a: { x: { secret: REDACTED }, y: { secret: REDACTED, keep: 3 } },
    });
    expect(redact([{ customer: { email: "e" } }], ["customer.email"]).value).toEqual([
      { customer: { email: REDACTED } },
    ]);
  });

  it("leaves payloads without the paths, and scalars, alone", () => {
    expect(redact({ other: 1 }, ["customer.email"])).toEqual({ value: { other: 1 }, count: 0 });
    expect(redact("text", ["customer.email"]).value).toBe("text");
  });

  it("accepts dot paths of keys or * and refuses anything else", () => {
    expect(isValidRedactionPath("customer.email")).toBe(true);
    expect(isValidRedactionPath("lines.*.price")).toBe(true);
    expect(isValidRedactionPath("customer..email")).toBe(false);
    expect(isValidRedactionPath("customer.email; drop table")).toBe(false);
    expect(isValidRedactionPath("")).toBe(false);
  });
});
