// A care manager works the worklist: takes an item, filters to their own, closes it by hand only with a
// note, and sees a full questionnaire close its request by itself; the Done tab says who, when and why.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, seedClinic, type Seeded, type Staff } from './support/api';
import { expectHeading, goVia, launchBrowser, signIn, withSession } from './support/browser';

let browser: Browser;
let seeded: Seeded;
let cm: Staff;
let maApi: Api;
let handoffPatient: { id: string };
let screenPatient: { id: string };

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  seeded = await seedClinic(await Api.admin(), 'Worklist Clinic');
  cm = await seeded.staff('care_manager', 'Casey Manager, LCSW');
  const ma = await seeded.staff('medical_assistant', 'Morgan Tablet, MA');
  maApi = await Api.signIn(inject('baseUrl'), ma.email, ma.password);
  handoffPatient = await seeded.patient('Blake', 'Handoff');
  screenPatient = await seeded.patient('Dana', 'Screen');
  await maApi.request('POST', `/api/patients/${handoffPatient.id}/screenings`, {
    instrument: 'phq-9',
    answers: [2, 2, 2, 2, 2, 2, 3, 3, 0],
    administeredAt: minutesAgo(30),
  });
  await maApi.request('POST', `/api/patients/${screenPatient.id}/screenings`, {
    instrument: 'phq-2',
    answers: [2, 2],
    administeredAt: minutesAgo(20),
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('closing worklist items', () => {
  it('takes an item, filters to mine, closes it only with a note, and shows who, when and why', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/');
      await signIn(page, cm.email, cm.password);
      // Wait for the signed-in app (any page but the sign-in form), then take the menu to the worklist.
      await expectHeading(page, /^(?!Sign in)/);
      await goVia(page, 'Worklist');
      await expectHeading(page, 'Worklist');
      const open = page.getByTestId('worklist-open');
      const handoff = open.getByRole('row').filter({ hasText: 'Handoff, Blake' });
      await handoff.waitFor();
      await open.getByRole('row').filter({ hasText: 'Screen, Dana' }).waitFor();

      // Take the handoff, then only mine shows it.
      await handoff
        .getByRole('combobox', { name: 'Owner for Handoff, Blake' })
        .selectOption({ label: cm.name });
      await expect
        .poll(() => handoff.getByRole('combobox', { name: 'Owner for Handoff, Blake' }).inputValue())
        .toBe(cm.id);
      // The filters live in the address, which updates in a transition: click, then wait for the state.
      const onlyMine = page.getByRole('checkbox', { name: 'Only mine' });
      await onlyMine.click();
      await expect.poll(() => onlyMine.isChecked()).toBe(true);
      await expect.poll(() => open.getByRole('row').filter({ hasText: 'Screen, Dana' }).count()).toBe(0);
      await handoff.waitFor();

      // A note is required: without one the dialog says why and nothing closes.
      await handoff.getByRole('button', { name: /^Mark done/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Mark done' }).click();
      await dialog.getByText('say what was done').waitFor();
      await dialog.getByRole('textbox', { name: /Note/ }).fill('Booked with the care manager on Friday.');
      await dialog.getByRole('button', { name: 'Mark done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => open.getByRole('row').filter({ hasText: 'Handoff, Blake' }).count()).toBe(0);

      // The full questionnaire answers the PHQ-2's request without anyone closing it.
      await onlyMine.click();
      await expect.poll(() => onlyMine.isChecked()).toBe(false);
      await open.getByRole('row').filter({ hasText: 'Screen, Dana' }).waitFor();
      await maApi.request('POST', `/api/patients/${screenPatient.id}/screenings`, {
        instrument: 'phq-9',
        answers: [1, 1, 0, 0, 0, 0, 0, 0, 0],
        administeredAt: minutesAgo(19),
      });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => open.getByRole('row').filter({ hasText: 'Screen, Dana' }).count()).toBe(0);

      await page.getByRole('tab', { name: 'Done' }).click();
      const done = page.getByTestId('worklist-done');
      const closedByHand = done.getByRole('row').filter({ hasText: 'Handoff, Blake' });
      await closedByHand.waitFor();
      const byHand = await closedByHand.innerText();
      expect(byHand).toContain(`by ${cm.name}`);
      expect(byHand).toContain('Closed by hand: Booked with the care manager on Friday.');
      const answered = await done.getByRole('row').filter({ hasText: 'Screen, Dana' }).innerText();
      expect(answered).toContain('by Morgan Tablet, MA');
      expect(answered).toContain('Full questionnaire given');
    });
  });
});
