// The menu follows the user's roles; pages a role may not open say so plainly; sign-out ends the session.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedClinic, type Staff } from './support/api';
import { expectHeading, launchBrowser, mainMenu, menuEntries, withSession, signIn } from './support/browser';

let browser: Browser;
let frontDesk: Staff;

beforeAll(async () => {
  browser = await launchBrowser();
  const seeded = await seedClinic(await Api.admin(), 'Roles Clinic');
  frontDesk = await seeded.staff('front_desk', 'Jordan Desk');
});

afterAll(async () => {
  await browser?.close();
});

describe('a front-desk user', () => {
  it('sees neither screening, the worklist nor the registry in the menu, and is told when opening them directly', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/');
      await signIn(page, frontDesk.email, frontDesk.password);
      await expectHeading(page, 'Patients');

      const entries = await menuEntries(page);
      expect(entries).toContain('Patients');
      expect(entries).not.toContain('Screen a patient');
      expect(entries).not.toContain('Worklist');
      expect(
        entries.some((e) => ['Clinics', 'Staff', 'Triage rules', 'Registry rules', 'Audit log'].includes(e)),
      ).toBe(false);

      expect(entries).not.toContain('Registry');
      for (const [path, page_] of [
        ['/registry', 'Registry'],
        ['/worklist', 'Worklist'],
        ['/screen', 'Screen a patient'],
        ['/admin/audit', 'Audit log'],
      ] as const) {
        await page.goto(path);
        await expectHeading(page, 'Not allowed');
        const text = await page.getByRole('main').innerText();
        expect(text).toContain(`${page_} is not available to your role (Front desk)`);
      }
    });
  });

  it('signs out, and a protected page then asks to sign in again', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/patients');
      // Not signed in: sign-in first, then back to the page asked for.
      await expectHeading(page, 'Sign in to Careloop');
      await signIn(page, frontDesk.email, frontDesk.password);
      await expectHeading(page, 'Patients');
      expect(new URL(page.url()).pathname).toBe('/patients');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expectHeading(page, 'Sign in to Careloop');
      await page.getByText('You have signed out.').waitFor();
      await expect.poll(() => mainMenu(page).count()).toBe(0);

      // The session cookie is gone on the server too.
      const me = await page.request.get('/api/auth/me');
      expect(me.status()).toBe(401);

      await page.goto('/patients');
      await expectHeading(page, 'Sign in to Careloop');
    });
  });
});
