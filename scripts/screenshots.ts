// npm run screenshots [-- --url http://127.0.0.1:3000]: PNGs of home, browse, a posting
// and a consortium, in Swedish and English, at 1280 and 390 px, into screenshots/.
// Start the app first (`npm start`, with its demo data); it signs in as the demo
// researcher, who coordinates two of the demo consortia (SCREENSHOT_EMAIL and
// SCREENSHOT_PASSWORD choose someone else).
import path from "node:path";
import { parseArgs } from "node:util";
import { takeScreenshots } from "#scripts/lib/screenshots.ts";
import { launchBrowser } from "#tests/helpers/browser.ts";

const { values } = parseArgs({ options: { url: { type: "string" }, out: { type: "string" } } });
const base = (values.url ?? process.env.APP_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const outDir = path.resolve(values.out ?? "screenshots");

try {
  await fetch(`${base}/healthz`);
} catch {
  console.error(`Nothing answers at ${base}. Start the app first (npm start), or pass --url.`);
  process.exit(1);
}
const browser = await launchBrowser();
try {
  const { files, missing } = await takeScreenshots(browser, {
    base,
    outDir,
    email: process.env.SCREENSHOT_EMAIL ?? "forskare@demo.example",
    password: process.env.SCREENSHOT_PASSWORD ?? "samband-demo",
  });
  for (const f of files) console.log(path.relative(process.cwd(), f));
  if (missing.length) console.log(`Not found, so not taken: ${missing.join(", ")} (the account sees no such page).`);
} finally {
  await browser.close();
}
