/** Reading back the server log (`postgres.log` beside the data directory) for error messages. */
import * as fs from "node:fs/promises";

/** The last lines of the log written since byte `from` (this start attempt's output). */
export async function logTail(file: string, from: number): Promise<string> {
  try {
    const handle = await fs.open(file, "r");
    try {
      const { size } = await handle.stat();
      const start = Math.max(from, size - 16_384, 0);
      const length = size - start;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, start);
      return lastLines(buffer.toString("utf8"));
    } finally {
      await handle.close();
    }
  } catch {
    return "(no server log)";
  }
}

export function lastLines(text: string, count = 20): string {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(-count)
    .join("\n");
}

/** Where this start attempt's output begins in the log, so errors quote only that. */
export async function fileSize(file: string): Promise<number> {
  return fs.stat(file).then(
    (stats) => stats.size,
    () => 0,
  );
}
