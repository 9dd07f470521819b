import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dependencies point one way: pages and components use lib, never the reverse, and read
// models read without starting background work of their own.

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(path.join("lib", "generated")));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const found = text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g);
  return [...found].map((m) => {
    const spec = m[1] ?? "";
    return spec.startsWith(".") ? path.join(path.dirname(file), spec) : spec.replace(/^@\//, "");
  });
}

function offending(folder: string, forbidden: string[]): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
      .map((target) => `${file} -> ${target}`),
  );
}

describe("dependency direction", () => {
  it("finds the files it checks", () => {
    expect(sourceFiles("lib").length).toBeGreaterThan(100);
    expect(importsOf("lib/http/dashboard-handlers.ts")).toContain("lib/http/route-handler");
  });

  it("keeps lib free of components and app", () => {
    expect(offending("lib", ["components", "app"])).toEqual([]);
  });

  it("keeps read models free of background jobs", () => {
    expect(offending("lib/queries", ["lib/jobs"])).toEqual([]);
  });

  it("keeps pure domain logic free of I/O layers", () => {
    expect(
      offending("lib/domain", ["lib/db", "lib/postgres", "lib/queries", "lib/services", "lib/jobs", "lib/ingest"]),
    ).toEqual([]);
  });
});
