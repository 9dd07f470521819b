import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

// README screenshots of a running Crossdock (e.g. `npm run demo`): signs in through the
// sign-in page, opens each view by URL at 1280x800 and saves a PNG per view.
//
//   npx tsx scripts/screenshots.ts --base http://localhost:3000 \
//     overview=/ workflow-detail=/workflows/shipment_confirmation kpis=/kpis
//
// Without views, every dashboard view is taken. CHROMIUM_PATH points at the browser
// (default: Debian's /usr/bin/chromium).

const DEFAULT_VIEWS = [
  "overview=/",
  "workflow-detail=/workflows/shipment_confirmation",
  "kpis=/kpis",
  "stuck=/stuck",
  "finance=/finance",
  "failures=/failures",
  "transactions=/transactions",
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", default: "http://localhost:3000" },
    email: { type: "string", default: "engineer@crossdock.demo" },
    password: { type: "string", default: "crossdock-demo-2026" },
    out: { type: "string", default: "public/screenshots" },
    // Charts and refreshed figures settle after the first paint.
    settle: { type: "string", default: "1500" },
  },
});

const views = (positionals.length > 0 ? positionals : DEFAULT_VIEWS).map((v) => {
  const at = v.indexOf("=");
  if (at < 1) throw new Error(`expected name=/path, got "${v}"`);
  return { name: v.slice(0, at), path: v.slice(at + 1) };
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(new URL("/signin", values.base).toString());
  await page.getByLabel("Email").fill(values.email);
  await page.getByLabel("Password").fill(values.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByTestId("signed-in-as").waitFor();
  await mkdir(values.out, { recursive: true });
  for (const view of views) {
    await page.goto(new URL(view.path, values.base).toString(), { waitUntil: "networkidle" });
    // The development server's corner badge is not part of the product.
    await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
    await page.waitForTimeout(Number(values.settle));
    const file = path.join(values.out, `${view.name}.png`);
    await page.screenshot({ path: file });
    console.log(`${view.name}: ${view.path} -> ${file}`);
  }
} finally {
  await browser.close();
}
