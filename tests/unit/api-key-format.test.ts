import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey } from "@/lib/auth/api-keys";

describe("API key format", () => {
  it("is cdk_<hex prefix>_<secret>: the prefix can always be read back from the key", () => {
    for (let i = 0; i < 2000; i++) {
      const { key, prefix, hash } = generateApiKey();
      expect(key.startsWith(`${prefix}_`)).toBe(true);
      expect(prefix).toMatch(/^cdk_[0-9a-f]{10}$/);
      expect(hash).toBe(hashApiKey(key));
      expect(hash).not.toContain(key.slice(prefix.length + 1));
    }
  });
});
