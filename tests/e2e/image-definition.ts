import { readFileSync } from "node:fs";

// How the Dockerfile and compose.yaml run Crossdock, read from the files themselves, so the
// standalone spec runs the same folder with the same commands and environment as the image
// (Docker itself cannot run here). Only the forms these two files use are understood; a
// change to another form fails here, naming the line it expected.

export interface ImageDefinition {
  assemble: string[]; // the build stage's assemble command, output folder last
  assembledInto: string; // that output folder, copied to workdir in the runtime stage
  workdir: string;
  env: Record<string, string>; // the runtime stage's ENV
  cmd: string[];
  healthcheck: string[];
  commands: Record<string, string[]>; // compose service -> command
  composeEnv: string[]; // the variables compose gives the app, the worker and the migration
}

function jsonArray(text: string | undefined, what: string): string[] {
  if (!text) throw new Error(`Dockerfile/compose.yaml: no ${what} in the exec form ["node", ...]`);
  return JSON.parse(text) as string[];
}

export function readImageDefinition(dockerfile = "Dockerfile", compose = "compose.yaml"): ImageDefinition {
  const stages = readFileSync(dockerfile, "utf8").split(/^FROM /m);
  const build = stages.find((s) => s.includes(" AS build"));
  const runtime = stages.at(-1)!;
  const assembleLine = /&& (node [^\n]*scripts\/assemble-standalone\.ts \S+)/.exec(build ?? "")?.[1];
  if (!assembleLine)
    throw new Error(`${dockerfile}: the build stage runs no "&& node ... scripts/assemble-standalone.ts <dir>"`);
  const assemble = assembleLine.split(/\s+/);
  const assembledInto = assemble.at(-1)!;
  const workdir = /^WORKDIR (\S+)/m.exec(runtime)?.[1] ?? "/";
  if (!new RegExp(`^COPY --from=build ${assembledInto} ${workdir}$`, "m").test(runtime))
    throw new Error(`${dockerfile}: the runtime stage does not COPY --from=build ${assembledInto} ${workdir}`);
  const env: Record<string, string> = {};
  for (const line of runtime.match(/^ENV .+$/gm) ?? [])
    for (const m of line.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=(\S*)/g)) env[m[1]!] = m[2]!;

  const composeText = readFileSync(compose, "utf8");
  const commands: Record<string, string[]> = {};
  for (const m of composeText.matchAll(/^ {2}([a-z-]+):\n(?: {4}.*\n)*? {4}command: (\[.*\])$/gm))
    commands[m[1]!] = jsonArray(m[2], `command of ${m[1]}`);
  const envBlock = /^x-crossdock-env: &crossdock-env\n((?: {2}.*\n)+)/m.exec(composeText)?.[1];
  if (!envBlock) throw new Error(`${compose}: no "x-crossdock-env: &crossdock-env" block`);
  const composeEnv = [...envBlock.matchAll(/^ {2}([A-Z_][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  return {
    assemble,
    assembledInto,
    workdir,
    env,
    cmd: jsonArray(/^CMD (\[.*\])$/m.exec(runtime)?.[1], "CMD"),
    healthcheck: jsonArray(/^HEALTHCHECK .* CMD (\[.*\])$/m.exec(runtime)?.[1], "HEALTHCHECK CMD"),
    commands,
    composeEnv,
  };
}
