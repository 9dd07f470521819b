import { describe, expect, it } from "vitest";
import { describeBulkEstimate } from "@/lib/domain/describe-bulk-estimate";
import { parseJsonEdit, positionOf } from "@/lib/domain/parse-json-edit";

describe("edit-and-replay JSON", () => {
  it("accepts strict JSON and keeps the value", () => {
    expect(parseJsonEdit('{"a": [1, 2], "b": null}')).toEqual({ ok: true, value: { a: [1, 2], b: null } });
    expect(parseJsonEdit("42")).toEqual({ ok: true, value: 42 });
  });

  it("points at the first problem by line and column", () => {
    expect(parseJsonEdit('{\n  "a": 1,\n  "b" 2\n}')).toMatchObject({
      ok: false,
      line: 3,
      column: 7,
      message: "Line 3, column 7: ':' is expected.",
    });
    expect(parseJsonEdit('{"a": 1,}')).toMatchObject({ ok: false, line: 1, column: 9 });
    expect(parseJsonEdit('{"a": 1} // note')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/comments are not allowed/),
    });
    expect(parseJsonEdit('{"a": "open')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not closed|'}' is expected/),
    });
    expect(parseJsonEdit("  ")).toMatchObject({ ok: false, line: 1, column: 1 });
  });

  it("counts lines and columns from 1", () => {
    expect(positionOf("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});

describe("bulk replay estimate", () => {
  it("reads like the issue's example, values per currency, never summed", () => {
    const text = describeBulkEstimate({
      toReplay: 412,
      skipped: 3,
      noEndpoint: 0,
      alreadyPosted: 0,
      unchecked: 0,
      values: [
        { currency: "USD", amount: "1200000.00" },
        { currency: "EUR", amount: "80500.00" },
      ],
      targets: [{ system: "erp-cloud", count: 412, ratePerSecond: 20, seconds: 21 }],
    });
    expect(text).toBe(
      "412 transactions, USD 1.2M, EUR 80.5K; 3 will be skipped; target erp-cloud at most 20/s, about 21 s",
    );
  });

  it("says which skipped items have no replay endpoint, and long runs in minutes", () => {
    const text = describeBulkEstimate({
      toReplay: 1,
      skipped: 0,
      noEndpoint: 2,
      alreadyPosted: 0,
      unchecked: 0,
      values: [],
      targets: [{ system: "wms-east", count: 9000, ratePerSecond: 20, seconds: 450 }],
    });
    expect(text).toBe(
      "1 transaction; 2 will be skipped (2 without a replay endpoint); target wms-east at most 20/s, about 8 min",
    );
  });

  it("names what the target already holds, and what could not be asked beforehand", () => {
    const text = describeBulkEstimate({
      toReplay: 409,
      skipped: 2,
      noEndpoint: 0,
      alreadyPosted: 3,
      unchecked: 5,
      values: [{ currency: "USD", amount: "1200000.00" }],
      targets: [{ system: "erp-cloud", count: 409, ratePerSecond: 20, seconds: 21 }],
    });
    expect(text).toBe(
      "409 transactions, USD 1.2M; 3 already posted will be skipped; 2 more will be skipped; 5 not checked for an existing record yet (checked when sent); target erp-cloud at most 20/s, about 21 s",
    );
    expect(
      describeBulkEstimate({
        toReplay: 7,
        skipped: 0,
        noEndpoint: 0,
        alreadyPosted: 3,
        unchecked: 0,
        values: [],
        targets: [],
      }),
    ).toBe("7 transactions; 3 already posted will be skipped");
  });
});
