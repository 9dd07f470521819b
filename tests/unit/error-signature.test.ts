import { describe, expect, it } from "vitest";
import { errorSignature, normalizeErrorMessage } from "@/lib/domain/error-signature";

describe("error signatures", () => {
  it("removes ids, numbers, timestamps, uuids and quoted values so one cause is one group", () => {
    const a = normalizeErrorMessage(
      "Customer C-100234 failed validation at 2026-11-02T09:12:33Z (request 7f1c2a4e-1111-4a2b-9c3d-0123456789ab)",
    );
    const b = normalizeErrorMessage(
      "Customer C-9 failed validation at 2026-11-03T10:00:00Z (request 00000000-2222-4a2b-9c3d-0123456789ab)",
    );
    expect(a).toBe(b);
    expect(a).toBe("Customer <id> failed validation at <time> (request <uuid>)");
    expect(normalizeErrorMessage('UoM "CS" not mapped for SKU 88812, qty 12.5')).toBe(
      "UoM <str> not mapped for SKU <n>, qty <n>",
    );
  });

  it("keeps layer and target apart: the same message at two targets is two groups", () => {
    const at = (target: string) =>
      errorSignature({ layer: "target_api", target, code: "TIMEOUT", message: "timed out after 30000 ms" });
    expect(at("erp-cloud")).not.toBe(at("carrier-ups"));
    expect(at("erp-cloud")).toBe("target_api|erp-cloud|TIMEOUT timed out after <n> ms");
  });
});
