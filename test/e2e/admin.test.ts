// An admin switches clinic, edits triage and registry rules (the server's issue lands at the field it names),
// adds a staff member (a too-short password is reported at the password field), and sets a clinic's
// billing identity (a group NPI with a wrong check digit is reported at the NPI field).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, seedClinic, type Seeded } from './support/api';
import { accessibilityProblems } from './support/axe';
import { expectHeading, launchBrowser, goVia, withSession, signIn } from './support/browser';

let browser: Browser;
let admin: Api;
let seeded: Seeded;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await Api.admin();
  seeded = await seedClinic(admin, 'Admin Clinic');
});

afterAll(async () => {
  await browser?.close();
});

describe('admin', () => {
  it('edits triage rules with validation shown at the field, then saves a new version', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, inject('adminEmail'), inject('adminPassword'));
        await expectHeading(page, 'Clinics');
        await page.getByRole('cell', { name: seeded.clinic.name }).waitFor();

        await page
          .getByRole('combobox', { name: 'Current clinic' })
          .selectOption({ label: seeded.clinic.name });
        await goVia(page, 'Triage rules');
        await expectHeading(page, 'Triage rules');
        await page.getByText(`${seeded.clinic.name} — choose another clinic`).waitFor();

        const phq9 = page.getByRole('region', { name: 'PHQ-9 (depression)' });
        const band3From = phq9.getByRole('textbox', { name: 'Band 3 from' });
        await band3From.fill('11');
        await page.getByRole('button', { name: 'Save rules' }).click();

        const summary = page.getByRole('alert').filter({ hasText: 'The rules were not saved' });
        await summary.waitFor();
        expect(await summary.innerText()).toContain('triage › phq9 › bands › #3 › min');
        await expect.poll(() => band3From.getAttribute('aria-invalid')).toBe('true');
        // The reason is the input's own description, so a screen reader reads it with the field.
        const describedBy = (await band3From.getAttribute('aria-describedby')) ?? '';
        const descriptions = await Promise.all(
          describedBy
            .split(' ')
            .filter(Boolean)
            .map((id) => page.locator(`[id="${id}"]`).innerText()),
        );
        expect(descriptions.join(' ')).toContain('this band must start at 10');

        await band3From.fill('10');
        await phq9.getByRole('textbox', { name: 'Band 3 due (days)' }).fill('7');
        await page.getByRole('button', { name: 'Save rules' }).click();
        await page.getByRole('status').filter({ hasText: 'Saved as version 1' }).waitFor();
        const stored = await admin.request<{ version: number; rules: any }>(
          'GET',
          `/api/clinics/${seeded.clinic.id}/triage-rules`,
        );
        expect(stored.version).toBe(1);
        expect(stored.rules.triage.phq9.bands[2]).toEqual({
          min: 10,
          max: 14,
          disposition: 'offer_bh',
          due: { days: 7 },
        });
      },
      { width: 1280, height: 900 },
    );
  });

  it('edits registry rules: a refused threshold is shown at its field, then the cadence saves', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, inject('adminEmail'), inject('adminPassword'));
        await expectHeading(page, 'Clinics');
        await page.getByRole('cell', { name: seeded.clinic.name }).waitFor();
        await page
          .getByRole('combobox', { name: 'Current clinic' })
          .selectOption({ label: seeded.clinic.name });
        await goVia(page, 'Registry rules');
        await expectHeading(page, 'Registry rules');

        const weeks = page.getByRole('textbox', { name: 'Review overdue after (weeks)' });
        expect(await weeks.inputValue()).toBe('4');
        const attempts = page.getByRole('textbox', { name: 'Unreachable after (outreach attempts)' });
        expect(await attempts.inputValue()).toBe('3');
        await attempts.fill('0');
        await page.getByRole('button', { name: 'Save rules' }).click();
        await page.getByRole('alert').filter({ hasText: 'The rules were not saved' }).waitFor();
        await expect.poll(() => attempts.getAttribute('aria-invalid')).toBe('true');

        await attempts.fill('4');
        await weeks.fill('2');
        await page.getByRole('button', { name: 'Save rules' }).click();
        await page.getByRole('status').filter({ hasText: 'Saved as version 1' }).waitFor();
        const stored = await admin.request<{ version: number; rules: any }>(
          'GET',
          `/api/clinics/${seeded.clinic.id}/registry-rules`,
        );
        expect(stored.rules.reviewOverdueWeeks).toBe(2);
        expect(stored.rules.unreachable).toEqual({ attemptsAtLeast: 4 });
      },
      { width: 1280, height: 900 },
    );
  });

  it('adds a staff member; a refused field is reported next to its input', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/admin/users');
        await signIn(page, inject('adminEmail'), inject('adminPassword'));
        await expectHeading(page, 'Staff');

        const form = page.getByRole('form', { name: 'Add a staff member' });
        await form.getByRole('textbox', { name: 'Name' }).fill('Sam Newhire');
        const email = `sam.${Date.now()}@e2e.careloop.test`;
        await form.getByRole('textbox', { name: 'Email' }).fill(email);
        const password = form.getByRole('textbox', { name: 'Initial password' });
        await password.fill('short');
        await form.getByRole('checkbox', { name: 'Care manager' }).check();
        await form.getByRole('checkbox', { name: seeded.clinic.name }).check();
        await form.getByRole('button', { name: 'Add staff member' }).click();

        await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
        await form.getByText('must be at least 12 characters').waitFor();

        await password.fill('a-long-enough-password');
        await form.getByRole('button', { name: 'Add staff member' }).click();
        await form
          .getByRole('status')
          .filter({ hasText: `Added Sam Newhire (${email})` })
          .waitFor();
        await page.getByTestId('users-table').getByRole('row').filter({ hasText: email }).waitFor();
      },
      { width: 1280, height: 900 },
    );
  });

  it('sets a clinic’s billing identity; a refused NPI is reported next to its input', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, inject('adminEmail'), inject('adminPassword'));
        await expectHeading(page, 'Clinics');
        const row = page.getByRole('row').filter({ hasText: seeded.clinic.name });
        await row.getByText('Missing group NPI, tax ID, address').waitFor();
        await row.getByRole('button', { name: 'Edit' }).click();

        const form = page.getByRole('form', { name: `Edit ${seeded.clinic.name}` });
        const npi = form.getByRole('textbox', { name: 'Group NPI' });
        await npi.fill('1234567890');
        await form.getByRole('textbox', { name: 'Tax ID (EIN)' }).fill('12-3456789');
        await form.getByRole('textbox', { name: 'Address line 1' }).fill('100 Main St');
        await form.getByRole('textbox', { name: 'City' }).fill('Albany');
        await form.getByRole('textbox', { name: 'State' }).fill('NY');
        await form.getByRole('textbox', { name: 'ZIP code' }).fill('12207-1001');
        await form.getByRole('button', { name: 'Save clinic' }).click();

        await expect.poll(() => npi.getAttribute('aria-invalid')).toBe('true');
        await form.getByText('is not a valid NPI: the check digit (Luhn) does not match').waitFor();
        expect(await accessibilityProblems(page), 'clinic form with an error').toEqual([]);

        await npi.fill('1234567893');
        await form.getByRole('button', { name: 'Save clinic' }).click();
        await form
          .getByRole('status')
          .filter({ hasText: `Saved ${seeded.clinic.name}` })
          .waitFor();
        await row.getByText('Complete').waitFor();
        const { clinics } = await admin.request<{ clinics: any[] }>('GET', '/api/clinics');
        expect(clinics.find((c) => c.id === seeded.clinic.id)).toMatchObject({
          billingNpi: '1234567893',
          taxId: '123456789',
          address: { line1: '100 Main St', city: 'Albany', state: 'NY', postalCode: '12207-1001' },
        });
      },
      { width: 1280, height: 900 },
    );
  });
});
