import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// public/openapi.yaml is the API's contract for the people who integrate with it: every
// /api/v1 route the app answers, with each of its methods, is described there.

const root = path.resolve(import.meta.dirname, "../..");

// app/api/v1/transactions/[id]/replay/route.ts exporting POST -> "post /api/v1/transactions/{id}/replay"
function answeredRoutes(): string[] {
  const dir = path.join(root, "app", "api", "v1");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts")
    .flatMap((e) => {
      const file = path.join(e.parentPath, e.name);
      const route = `/${path.relative(path.join(root, "app"), e.parentPath).split(path.sep).join("/")}`.replace(
        /\[(\w+)\]/g,
        "{$1}",
      );
      const methods = [
        ...readFileSync(file, "utf8").matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ];
      return methods.map((m) => `${m[1]!.toLowerCase()} ${route}`);
    })
    .sort();
}

// Top-level paths are indented two spaces, their operations four.
function documentedRoutes(): string[] {
  const found: string[] = [];
  let current: string | null = null;
  for (const line of readFileSync(path.join(root, "public", "openapi.yaml"), "utf8").split("\n")) {
    const pathLine = line.match(/^ {2}(\/\S*):\s*$/);
    if (pathLine) current = pathLine[1]!;
    else if (/^\S/.test(line) || /^ {2}\S/.test(line)) current = null;
    const method = line.match(/^ {4}(get|post|put|patch|delete):/);
    if (current && method) found.push(`${method[1]} ${current}`);
  }
  return found;
}

describe("public/openapi.yaml", () => {
  it("finds the routes it checks", () => {
    expect(answeredRoutes()).toContain("post /api/v1/events");
    expect(answeredRoutes()).toContain("get /api/v1/transactions/{id}/events");
  });

  it("describes every /api/v1 route and method the app answers", () => {
    const documented = new Set(documentedRoutes());
    expect(answeredRoutes().filter((r) => !documented.has(r))).toEqual([]);
  });
});
