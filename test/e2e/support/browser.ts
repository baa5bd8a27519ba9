// Debian's Chromium through playwright-core, with helpers shared by the end-to-end tests.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
}

/**
 * Runs `fn` in a fresh browser context (no cookies, tablet size by default) and closes it after.
 * On failure it keeps a full-page screenshot in test-results/e2e/; on success it also checks that the
 * page threw no uncaught error and the Content-Security-Policy blocked nothing.
 */
export async function withSession(
  browser: Browser,
  fn: (session: Session) => Promise<void>,
  viewport: { width: number; height: number } = { width: 1024, height: 768 },
): Promise<void> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Chromium reports what the Content-Security-Policy blocked on the console.
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  try {
    await fn({ context, page });
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    expect(blocked, 'what the Content-Security-Policy blocked').toEqual([]);
  } catch (error) {
    const name = (expect.getState().currentTestName ?? 'e2e').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 100);
    await mkdir('test-results/e2e', { recursive: true });
    await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for the page's main heading (h1) to read `name`. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });

/** On narrow screens the menu sits behind the "Open menu" button; open it when it is there. */
export async function openMenu(page: Page): Promise<void> {
  const burger = page.getByRole('button', { name: 'Open menu' });
  if (await burger.isVisible()) await burger.click();
  await mainMenu(page).getByRole('link').first().waitFor();
}

/** Follows a menu entry, opening the menu first where needed. */
export async function goVia(page: Page, entry: string): Promise<void> {
  await openMenu(page);
  await mainMenu(page).getByRole('link', { name: entry }).click();
}

/** The visible menu entries, in order. */
export async function menuEntries(page: Page): Promise<string[]> {
  await openMenu(page);
  return (await mainMenu(page).getByRole('link').allInnerTexts()).map((t) => t.trim());
}
