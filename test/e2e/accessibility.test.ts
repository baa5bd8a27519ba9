// Automated WCAG 2.1 A/AA checks (axe-core) on the main pages, signed in as the roles that use them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, seedClinic, type Seeded, type Staff } from './support/api';
import { accessibilityProblems } from './support/axe';
import { expectHeading, launchBrowser, goVia, signIn, withSession } from './support/browser';

let browser: Browser;
let seeded: Seeded;
let ma: Staff;
let patient: { id: string; mrn: string };

beforeAll(async () => {
  browser = await launchBrowser();
  seeded = await seedClinic(await Api.admin(), 'Accessibility Clinic');
  ma = await seeded.staff('medical_assistant', 'Avery Access, MA');
  patient = await seeded.patient('Casey', 'Lindqvist');
});

afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await accessibilityProblems(page), where).toEqual([]);
}

describe('accessibility', () => {
  it('sign-in, screening (form and safety result), worklist and patient pages', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/sign-in');
      await expectHeading(page, 'Sign in to Careloop');
      await expectAccessible(page, 'sign-in');

      await signIn(page, ma.email, ma.password);
      await expectHeading(page, 'Screen a patient');
      await page.getByRole('textbox', { name: /Find the patient/ }).fill(patient.mrn);
      await page.getByRole('button', { name: /Lindqvist, Casey/ }).click();
      await page.getByRole('radio', { name: 'Suicide risk (C-SSRS screen)' }).click();
      await page.getByRole('radiogroup', { name: /^1\. / }).waitFor();
      await expectAccessible(page, 'screening form');

      for (const [item, answer] of [
        ['1', 'Yes'],
        ['2', 'No'],
        ['6', 'No'],
      ] as const) {
        await page
          .getByRole('radiogroup', { name: new RegExp(`^${item}\\. `) })
          .getByRole('radio', { name: answer, exact: true })
          .click();
      }
      await page.getByRole('button', { name: 'Score and save' }).click();
      await page.getByRole('alert').filter({ hasText: 'Safety risk' }).waitFor();
      await expectAccessible(page, 'screening result with safety banner');

      await goVia(page, 'Worklist');
      await page.getByTestId('worklist-open').getByRole('row').filter({ hasText: 'Lindqvist' }).waitFor();
      await expectAccessible(page, 'worklist');

      await page.goto(`/patients/${patient.id}`);
      await page.getByTestId('screening-history').waitFor();
      await expectAccessible(page, 'patient page');
    });
  });

  it('admin pages', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/sign-in');
        await signIn(page, inject('adminEmail'), inject('adminPassword'));
        await expectHeading(page, 'Clinics');
        await expectAccessible(page, 'clinics');
        for (const [link, ready] of [
          ['Staff', 'users-table'],
          ['Audit log', 'audit-table'],
        ] as const) {
          await goVia(page, link);
          await page.getByTestId(ready).waitFor();
          await expectAccessible(page, link);
        }
        await goVia(page, 'Triage rules');
        await page.getByRole('region', { name: 'PHQ-9 (depression)' }).waitFor();
        await expectAccessible(page, 'triage rules');
        await goVia(page, 'Registry rules');
        await page.getByRole('textbox', { name: 'Review overdue after (weeks)' }).waitFor();
        await expectAccessible(page, 'registry rules');
        await goVia(page, 'Patients');
        await page.getByRole('textbox', { name: /Search/ }).waitFor();
        await expectAccessible(page, 'patients');
      },
      { width: 1280, height: 900 },
    );
  });
});
