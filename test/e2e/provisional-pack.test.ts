// A month in a year without a rule pack: the billing page shows the provisional banner, and closing asks for
// confirmation before it sends confirmProvisional.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedClinic } from './support/api';
import { accessibilityProblems } from './support/axe';
import { expectHeading, launchBrowser, signIn, withSession } from './support/browser';

// 2024 comes before every shipped pack, so it bills provisionally under the 2025 pack and has ended.
const MONTH = '2024-11';

let browser: Browser;
let billing: { email: string; password: string };

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await Api.admin();
  const seeded = await seedClinic(admin, 'Provisional Clinic');
  const careManager = await seeded.staff('care_manager', 'Casey Early, LCSW');
  const pcp = await seeded.staff('pcp', 'Dr. Early Primary');
  billing = await seeded.staff('billing', 'Early Biller');
  const patient = await seeded.patient('Avery', 'Stone', { pcpId: pcp.id, coverage: { payer: 'medicare' } });
  const cm = await Api.signIn(admin.baseUrl, careManager.email, careManager.password);
  const episode = await cm.request<{ id: string }>('POST', `/api/patients/${patient.id}/episodes`, {
    program: 'cocm',
    referredAt: '2024-10-02T15:00:00Z',
    billingPractitionerId: pcp.id,
    careManagerId: careManager.id,
    diagnoses: ['F33.1'],
    primaryMeasure: 'phq-9',
    // billing.md §1: a billable month needs a complete consent and the initiating visit.
    initiatingVisit: { date: '2024-10-01', type: 'em', practitionerId: pcp.id },
    consent: {
      obtainedAt: '2024-10-02T15:30:00Z',
      method: 'verbal',
      obtainedBy: careManager.id,
      costSharingExplained: true,
      consultationExplained: true,
    },
  });
  await cm.request('POST', `/api/episodes/${episode.id}/contacts`, {
    occurredAt: `${MONTH}-12T15:00:00Z`,
    minutes: 40,
    staffId: careManager.id,
    activity: 'follow_up',
    modality: 'phone',
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('a provisionally priced month', () => {
  it('shows the banner and closes only after confirmation', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/');
      await signIn(page, billing.email, billing.password);
      await expectHeading(page, 'Billing');
      await page.getByRole('textbox', { name: 'Month' }).fill(MONTH);
      const banner = page.getByTestId('provisional-pack').first();
      await banner.waitFor();
      expect(await banner.innerText()).toMatch(/No rule pack is loaded for 2024.*2025-medicare-v1 \(2025\)/);
      expect(await accessibilityProblems(page), 'billing with a provisional banner').toEqual([]);

      await page.getByRole('button', { name: 'Close month' }).click();
      const dialog = page.getByRole('dialog', { name: /provisional rules/ });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Close with provisional rules' }).click();
      await page.getByRole('status').filter({ hasText: 'Month closed: 1 claim line' }).waitFor();
      await expect.poll(() => page.getByTestId('month-status').innerText()).toMatch(/closed/i);
    });
  });
});
