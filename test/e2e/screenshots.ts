// README screenshots from a running demo server: signs in as the demo care manager and saves the
// registry and a patient chart at 1440×900 into docs/screenshots/.
//
//   CARELOOP_URL=http://127.0.0.1:8080 npx tsx test/e2e/screenshots.ts
//
// The server must run with the demo organization (CARELOOP_DEMO=1, or no admin configured) and the built web app.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const BASE_URL = process.env.CARELOOP_URL ?? 'http://127.0.0.1:8080';
const EMAIL = process.env.CARELOOP_SCREENSHOT_EMAIL ?? 'cm.riverside@demo.careloop.test';
const PASSWORD = process.env.CARELOOP_SCREENSHOT_PASSWORD ?? 'careloop-demo-2026';
const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const VIEWPORT = { width: 1440, height: 900 };

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-color-profile=srgb'],
  });
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, viewport: VIEWPORT, deviceScaleFactor: 1 });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();

    await page.goto('/sign-in');
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The registry: the care manager's caseload, most urgent first.
    await page.getByRole('heading', { level: 1, name: 'Registry' }).waitFor();
    const table = page.getByTestId('registry-table');
    const firstPatient = table.getByRole('row').nth(1).getByRole('link').first();
    await firstPatient.waitFor();
    await page.getByTestId('caseload-summary').waitFor();
    await settle(page);
    await page.screenshot({ path: resolve(OUT, 'registry.png') });

    // The most urgent patient's chart: header with flags, score trend, episode panel.
    await firstPatient.click();
    await page.getByTestId('care-header').waitFor();
    await page.getByTestId('episode-panel').waitFor();
    await page.locator('.recharts-line-curve').first().waitFor();
    await settle(page);
    await page.screenshot({ path: resolve(OUT, 'patient-chart.png') });
    console.log(`Saved registry.png and patient-chart.png in ${OUT}`);
  } finally {
    await browser.close();
  }
}

/** No pointer over anything, no focus ring, and every chart animation finished. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, VIEWPORT.height - 1);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page
    .waitForFunction(() => !document.getAnimations().some((a) => a.playState === 'running'), null, {
      timeout: 5000,
    })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
