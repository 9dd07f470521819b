import { describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/format/bytes";

describe("formatBytes", () => {
  it("uses binary units with at most three significant figures", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(10 * 1024 * 1024 + 300 * 1024)).toBe("10.3 MB");
    expect(formatBytes(980 * 1024 * 1024)).toBe("980 MB");
    expect(formatBytes(500 * 1024 ** 3)).toBe("500 GB");
    expect(formatBytes(2 * 1024 ** 3)).toBe("2 GB");
  });
});
