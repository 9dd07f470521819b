// npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top 25]
//
// Self time of a V8 CPU profile (node --cpu-prof) grouped by package/area and by function.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values: args, positionals } = parseArgs({
  options: { top: { type: "string", default: "25" } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) throw new Error("usage: cpuprofile-summary.ts <file.cpuprofile>");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

function area(f: CallFrame): string {
  const u = f.url;
  if (!u) return f.functionName.startsWith("(") ? f.functionName : `native: ${f.functionName || "(anonymous)"}`;
  const nm = u.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (nm) return nm[1]!;
  if (u.startsWith("node:")) return u;
  const repo = u.match(/\/(lib|bench|app)\/(.*)$/);
  if (repo) return `${repo[1]}/${repo[2]!.split("/")[0]}`;
  return u;
}

const areas = new Map<string, number>();
const fns = new Map<string, number>();
let total = 0;
for (const [id, t] of selfUs) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  if (f.functionName === "(idle)") continue;
  total += t;
  const a = area(f);
  areas.set(a, (areas.get(a) ?? 0) + t);
  const key = `${f.functionName || "(anonymous)"}  ${f.url ? `${f.url.replace(/^.*\/(node_modules|lib|bench|app)\//, "$1/")}:${f.lineNumber + 1}` : ""}`;
  fns.set(key, (fns.get(key) ?? 0) + t);
}
const top = Number(args.top);
const pct = (t: number): string => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
console.log(`busy (non-idle) self time: ${(total / 1e6).toFixed(2)} s\n\nby area:`);
for (const [k, v] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
console.log(`\nby function:`);
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
