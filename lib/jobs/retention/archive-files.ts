import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

// The archive on disk (README, "Storage and retention"): one gzip-compressed NDJSON file per
// table and day, <dir>/<table>/<day>.ndjson.gz, one JSON object per row as PostgreSQL's
// row_to_json gives it, and beside it <day>.manifest.json saying what the file holds.

export interface ArchiveManifest {
  table: string;
  day: string; // the storage day archived
  from: string; // range covered, [from, to)
  to: string;
  rows: number;
  bytes: number;
  sha256: string; // of the .ndjson.gz file
  file: string; // file name beside the manifest
  archivedAt: string;
}

export function archivePaths(dir: string, table: string, day: string) {
  const folder = path.join(dir, table);
  return {
    folder,
    data: path.join(folder, `${day}.ndjson.gz`),
    manifest: path.join(folder, `${day}.manifest.json`),
  };
}

// Writes every line the pages yield, then the manifest. Written under a temporary name and
// renamed, so a manifest only ever describes a complete file (an interrupted run leaves
// no manifest, and the partition it was writing is still in the database).
export async function writeArchive(
  dir: string,
  table: string,
  day: string,
  pages: AsyncIterable<string[]>,
): Promise<ArchiveManifest> {
  const paths = archivePaths(dir, table, day);
  await mkdir(paths.folder, { recursive: true });
  const partial = `${paths.data}.partial`;
  let rows = 0;
  async function* lines() {
    for await (const page of pages) {
      rows += page.length;
      if (page.length > 0) yield `${page.join("\n")}\n`;
    }
  }
  await pipeline(lines(), createGzip({ level: 6 }), createWriteStream(partial));
  const { sha256, bytes } = await digestOf(partial);
  await rename(partial, paths.data);
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const manifest: ArchiveManifest = {
    table,
    day,
    from: `${day}T00:00:00.000Z`,
    to: next.toISOString(),
    rows,
    bytes,
    sha256,
    file: path.basename(paths.data),
    archivedAt: new Date().toISOString(),
  };
  await writeFile(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function digestOf(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

export async function readManifest(dir: string, table: string, day: string): Promise<ArchiveManifest | null> {
  try {
    return JSON.parse(await readFile(archivePaths(dir, table, day).manifest, "utf8")) as ArchiveManifest;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw error;
  }
}
