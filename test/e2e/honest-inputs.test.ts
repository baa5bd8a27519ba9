// Values are refused at the field with the reason, never changed: a blank Sex at registration (the
// AUDIT-C cutoff depends on it) is not saved as Unknown.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedClinic, type Seeded, type Staff } from './support/api';
import { expectHeading, launchBrowser, signIn, withSession } from './support/browser';

let browser: Browser;
let seeded: Seeded;
let cm: Staff;

beforeAll(async () => {
  browser = await launchBrowser();
  seeded = await seedClinic(await Api.admin(), 'Honest Inputs Clinic');
  cm = await seeded.staff('care_manager', 'Casey Manager, LCSW');
});

afterAll(async () => {
  await browser?.close();
});

describe('honest inputs', () => {
  it('refuses a registration with no Sex chosen, saying why at the field', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/patients');
      await signIn(page, cm.email, cm.password);
      await expectHeading(page, 'Patients');
      await page.getByRole('button', { name: 'Register patient' }).click();
      const form = page.getByRole('form', { name: 'Register a patient' });
      await form.getByRole('textbox', { name: 'Given name' }).fill('Sam');
      await form.getByRole('textbox', { name: 'Family name' }).fill('Blank');
      await form.getByRole('textbox', { name: 'MRN' }).fill(`SEX-${Date.now()}`);
      await form.getByLabel('Birth date').fill('1970-01-20');
      await form.getByRole('button', { name: 'Register patient' }).click();
      await form.getByText('the AUDIT-C cutoff depends on it').waitFor();
      const sex = form.getByRole('combobox', { name: 'Sex' });
      await expect.poll(() => sex.getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toMatch(/\/patients$/);
    });
  });
});
