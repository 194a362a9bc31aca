// Renders the Marketplace / Open VSX icon (media/icon.svg) to the 128 x 128 PNG the manifest names
// (`icon` in package.json): the galleries take PNG only. Run after editing the SVG, commit both:
//   node scripts/render-icon.mjs
// Uses the Chromium of the VS Code test harness (playwright-core drives it), so nothing new is needed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
const svg = readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.LAMBKIN_CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${SIZE}px;height:${SIZE}px" `)}</body></html>`);
  const output = path.join(root, 'media', 'icon.png');
  await page.screenshot({ path: output, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`wrote ${path.relative(root, output)} (${SIZE} x ${SIZE})`);
} finally {
  await browser.close();
}
