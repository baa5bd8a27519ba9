// When the server ends a session while the app is open, the next request returns the user to sign-in
// with a note, and signing in again goes back to where they were going.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedClinic, type Staff } from './support/api';
import { expectHeading, launchBrowser, goVia, withSession, signIn } from './support/browser';

let browser: Browser;
let pcp: Staff;

beforeAll(async () => {
  browser = await launchBrowser();
  const seeded = await seedClinic(await Api.admin(), 'Session Clinic');
  pcp = await seeded.staff('pcp', 'Dr. Riley Expiry');
});

afterAll(async () => {
  await browser?.close();
});

describe('an ended session', () => {
  it('sends the user to sign-in with a note and back to the intended page', async () => {
    await withSession(browser, async ({ page, context }) => {
      await page.goto('/');
      await signIn(page, pcp.email, pcp.password);
      // A PCP starts on their inbox.
      await expectHeading(page, 'Inbox');

      // End the session on the server, as an expiry would, with the browser's own token.
      const cookie = (await context.cookies()).find((c) => c.name === 'careloop_session');
      expect(cookie).toBeDefined();
      const api = new Api(new URL(page.url()).origin, cookie?.value ?? '');
      await api.request('POST', '/api/auth/logout');

      await goVia(page, 'Patients');
      await expectHeading(page, 'Sign in to Careloop');
      await page.getByText('Your session ended').waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/patients');

      await signIn(page, pcp.email, pcp.password);
      await expectHeading(page, 'Patients');
      expect(new URL(page.url()).pathname).toBe('/patients');
    });
  });
});
