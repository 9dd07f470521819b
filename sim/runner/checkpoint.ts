// SIMULATION, not product code. Remembers until when the simulator's traffic reached a
// database, so a re-run of the demo sends only the gap since then instead of re-sending
// a week (which ingest would report as duplicates, but slowly). One file per data folder,
// keyed by database, so pointing the demo at another DATABASE_URL starts that one afresh.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Checkpoint {
  read(): Promise<Date | null>;
  write(until: Date): Promise<void>;
}

export function fileCheckpoint(file: string, databaseKey: string): Checkpoint {
  const key = createHash("sha256").update(databaseKey).digest("hex").slice(0, 16);
  const load = async (): Promise<Record<string, string>> =>
    readFile(file, "utf8").then(
      (s) => JSON.parse(s) as Record<string, string>,
      () => ({}),
    );
  return {
    async read() {
      const at = (await load())[key];
      return at ? new Date(at) : null;
    },
    async write(until) {
      const all = { ...(await load()), [key]: until.toISOString() };
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(all, null, 2));
      await rename(tmp, file); // atomic: a Ctrl-C mid-write never leaves half a file
    },
  };
}
