// Staff lifecycle and patient search in Chromium: an admin edits a staff member, deactivates (their token
// ends at once) and reactivates them, issues a reset code; the user sets a new password with it and then
// changes it again. A front desk finds patients as names are shown and typed, and is warned of a duplicate.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, seedClinic, type Seeded } from './support/api';
import { expectHeading, launchBrowser, signIn, withSession } from './support/browser';

let browser: Browser;
let admin: Api;
let seeded: Seeded;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await Api.admin();
  seeded = await seedClinic(admin, 'Staff Clinic');
});

afterAll(async () => {
  await browser?.close();
});

describe('staff lifecycle', () => {
  it('edits, deactivates, reactivates and resets; the user sets and then changes their password', async () => {
    const cm = await seeded.staff('care_manager', 'Casey Lifecycle');
    const cmApi = await Api.signIn(inject('baseUrl'), cm.email, cm.password);
    let code = '';
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/admin/users');
        await signIn(page, inject('adminEmail'), inject('adminPassword'));
        await expectHeading(page, 'Staff');
        const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: cm.email });

        await row.getByRole('button', { name: `Edit ${cm.name}` }).click();
        const edit = page.getByRole('dialog', { name: `Edit ${cm.name}` });
        await edit.getByRole('checkbox', { name: 'Primary care provider' }).check();
        await edit.getByRole('textbox', { name: 'NPI' }).fill('1234567890');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await edit.getByText('check digit').waitFor();
        await edit.getByRole('textbox', { name: 'NPI' }).fill('1234567893');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await edit.waitFor({ state: 'detached' });
        await row.filter({ hasText: '1234567893' }).waitFor();
        expect((await cmApi.request<{ roles: string[] }>('GET', '/api/auth/me')).roles).toEqual([
          'care_manager',
          'pcp',
        ]);

        await row.getByRole('button', { name: `Deactivate ${cm.name}` }).click();
        const confirm = page.getByRole('dialog', { name: `Deactivate ${cm.name}` });
        await confirm.getByRole('button', { name: 'Deactivate' }).click();
        await confirm.waitFor({ state: 'detached' });
        await expect(cmApi.request('GET', '/api/auth/me')).rejects.toThrow(/401/);
        await page.getByRole('combobox', { name: 'Show status' }).selectOption('inactive');
        await row.filter({ hasText: 'Deactivated' }).waitFor();

        await row.getByRole('button', { name: `Reactivate ${cm.name}` }).click();
        const back = page.getByRole('dialog', { name: `Reactivate ${cm.name}` });
        await back.getByRole('button', { name: 'Reactivate' }).click();
        await back.waitFor({ state: 'detached' });
        await page.getByRole('combobox', { name: 'Show status' }).selectOption('active');

        await row.getByRole('button', { name: `Reset password of ${cm.name}` }).click();
        const reset = page.getByRole('dialog', { name: `Reset the password of ${cm.name}` });
        await reset.getByRole('button', { name: 'Issue reset code' }).click();
        code = (await reset.getByTestId('reset-code').innerText()).trim();
        expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
        await reset.getByRole('button', { name: 'Done' }).click();
      },
      { width: 1280, height: 900 },
    );

    await withSession(browser, async ({ page }) => {
      await page.goto('/sign-in');
      await signIn(page, cm.email, cm.password);
      await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
      await page.getByRole('link', { name: 'Have a reset code from your administrator?' }).click();
      await expectHeading(page, 'Set a new password');
      await page.getByRole('textbox', { name: 'Email' }).fill(cm.email);
      await page.getByRole('textbox', { name: 'Reset code' }).fill(code);
      await page.getByRole('textbox', { name: 'New password', exact: true }).fill('set-with-the-code-2026');
      await page.getByRole('textbox', { name: 'New password again' }).fill('set-with-the-code-2026');
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await expectHeading(page, 'Registry');

      await page.getByRole('link', { name: 'Change my password' }).click();
      await expectHeading(page, 'Change my password');
      await page.getByRole('textbox', { name: 'Current password' }).fill('not-the-password');
      await page.getByRole('textbox', { name: 'New password', exact: true }).fill('changed-by-myself-2026');
      await page.getByRole('textbox', { name: 'New password again' }).fill('changed-by-myself-2026');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('is not your current password').waitFor();
      await page.getByRole('textbox', { name: 'Current password' }).fill('set-with-the-code-2026');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    });
    await Api.signIn(inject('baseUrl'), cm.email, 'changed-by-myself-2026');
  });
});

describe('patient search and duplicates', () => {
  it('finds a patient as the chart shows the name, in any order, without accents; warns of a duplicate', async () => {
    const desk = await seeded.staff('front_desk', 'Frankie Desk');
    const nora = await seeded.patient('Nora', 'Abbott', { birthDate: '1961-03-14' });
    await seeded.patient('José', 'Núñez', { birthDate: '1975-07-30' });
    await seeded.patient('Norbert', 'Abelson', { birthDate: '1958-11-02' });
    await withSession(browser, async ({ page }) => {
      await page.goto('/patients');
      await signIn(page, desk.email, desk.password);
      await expectHeading(page, 'Patients');
      const search = page.getByRole('textbox', { name: 'Search' });
      const table = page.getByTestId('patients-table');
      const namesShown = async () =>
        (await table.getByRole('link').allInnerTexts()).map((t) => t.trim()).sort();

      for (const [typed, names] of [
        ['Abbott, Nora', ['Abbott, Nora']],
        ['Nora Abbott', ['Abbott, Nora']],
        ['nor ab', ['Abbott, Nora', 'Abelson, Norbert']],
        ['jose nunez', ['Núñez, José']],
        ['03/14/1961', ['Abbott, Nora']],
        [nora.mrn, ['Abbott, Nora']],
      ] as const) {
        await search.fill(typed);
        await expect.poll(namesShown).toEqual([...names].sort());
      }

      await page.getByRole('button', { name: 'Register patient' }).click();
      const form = page.getByRole('form', { name: 'Register a patient' });
      await form.getByRole('textbox', { name: 'Given name' }).fill('Norah');
      await form.getByRole('textbox', { name: 'Family name' }).fill('Abbot');
      await form.getByRole('textbox', { name: 'MRN' }).fill(`DUP-${Date.now()}`);
      await form.getByLabel('Birth date').fill('1961-03-14');
      await form.getByRole('combobox', { name: 'Sex' }).selectOption('female');
      await form.getByText('This patient may already be registered').waitFor();
      await form.getByRole('link', { name: 'Abbott, Nora' }).waitFor();
      await form.getByRole('button', { name: 'Register patient' }).click();
      await form.getByText('Open the existing record, or confirm this is a different person').waitFor();
      await form.getByRole('checkbox', { name: 'This is a different person: register anyway' }).check();
      await form.getByRole('button', { name: 'Register patient' }).click();
      await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    });
  });
});
