// SIMULATION, not product code. One line that redraws itself on a terminal and prints
// every few seconds elsewhere (CI logs, piped output), so a long backfill shows life.
export interface ProgressBar {
  update(done: number, note?: string): void;
  finish(summary: string): void;
}

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function createProgressBar(label: string, total: number, out: Output = process.stdout): ProgressBar {
  const started = Date.now();
  let lastPrint = 0;
  const line = (done: number, note: string) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const elapsed = (Date.now() - started) / 1000;
    const eta = share > 0.02 ? Math.max(0, elapsed / share - elapsed) : NaN;
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    const etaText = Number.isFinite(eta) ? `, ~${Math.round(eta)} s left` : "";
    return `${label} [${bar}] ${Math.round(share * 100)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}${etaText}${note ? ` ${note}` : ""}`;
  };
  return {
    update(done, note = "") {
      const now = Date.now();
      if (out.isTTY) {
        if (now - lastPrint < 100) return;
        out.write(`\r${line(done, note)}\x1b[K`);
      } else {
        if (now - lastPrint < 5000) return;
        out.write(`${line(done, note)}\n`);
      }
      lastPrint = now;
    },
    finish(summary) {
      out.write(`${out.isTTY ? "\r\x1b[K" : ""}${label}: ${summary}\n`);
    },
  };
}
