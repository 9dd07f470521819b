import { readFileSync } from "node:fs";

// What the README's Production section tells an operator to run: the variables its `export`
// lines set, and its commands. The production-start spec runs exactly these, so the README
// and the app cannot drift apart unnoticed.

export interface ProductionSteps {
  variables: string[];
  commands: string[];
}

export function readProductionSteps(readmePath = "README.md"): ProductionSteps {
  const readme = readFileSync(readmePath, "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Production\n"));
  if (!section) throw new Error(`${readmePath}: no "## Production" section`);
  const block = /```sh\n([\s\S]*?)```/.exec(section.split(/^### /m)[0]!)?.[1];
  if (!block) throw new Error(`${readmePath}, Production: no \`\`\`sh block with the commands`);
  const lines = block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
  const variables = lines
    .filter((line) => line.startsWith("export "))
    .flatMap((line) => [...line.matchAll(/(?:^export |\s)([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1]!));
  if (variables.length === 0) throw new Error(`${readmePath}, Production: the sh block exports no variables`);
  return { variables, commands: lines.filter((line) => !line.startsWith("export ")) };
}
