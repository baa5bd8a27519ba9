// A medical assistant screens a patient whose PHQ-9 item 9 is positive, sees the safety banner, and the
// worklist shows the safety task until a risk assessment resolves it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, seedClinic, type Seeded, type Staff } from './support/api';
import { expectHeading, launchBrowser, goVia, withSession, signIn } from './support/browser';

let browser: Browser;
let seeded: Seeded;
let ma: Staff;
let careManager: Staff;
let patient: { id: string; mrn: string };

beforeAll(async () => {
  browser = await launchBrowser();
  seeded = await seedClinic(await Api.admin(), 'Screening Clinic');
  ma = await seeded.staff('medical_assistant', 'Morgan Tablet, MA');
  careManager = await seeded.staff('care_manager', 'Casey Care, RN');
  patient = await seeded.patient('Alex', 'Rivera');
});

afterAll(async () => {
  await browser?.close();
});

/** A complete moderate-risk assessment (suicide-risk.md §2) made half an hour ago. */
function moderateAssessment(screeningId: string, staffId: string) {
  const at = new Date(Date.now() - 1_800_000).toISOString();
  return {
    assessedAt: at,
    trigger: { kind: 'screening', screeningId },
    ideation: { type: 'passive', mostRecentOn: at.slice(0, 10) },
    plan: { present: false },
    intent: { present: false },
    means: { access: [], actions: [] },
    behaviour: { pastAttempts: false, preparatoryActs: false, selfHarm: false },
    riskFactors: { items: [] },
    protectiveFactors: { items: ['social_support'] },
    homicidalIdeation: false,
    riskLevel: 'moderate',
    disposition: 'urgent_bh_follow_up',
    rationale: 'Passive ideation without plan or intent.',
    notified: { parties: [{ party: 'pcp', at }] },
    followUp: { at: new Date(Date.now() + 48 * 3_600_000).toISOString(), staffId },
  };
}

describe('screening with a positive PHQ-9 item 9', () => {
  it('shows the safety banner, then the worklist item, which a risk assessment resolves', async () => {
    await withSession(browser, async ({ page }) => {
      await page.goto('/');
      await signIn(page, ma.email, ma.password);
      // A medical assistant starts on screening entry.
      await expectHeading(page, 'Screen a patient');

      await page.getByRole('textbox', { name: /Find the patient/ }).fill(patient.mrn);
      await page.getByRole('button', { name: /Rivera, Alex/ }).click();
      await page.getByRole('radio', { name: 'Depression (PHQ-9)' }).click();

      const answers = ['Several days', 'Several days', 'Not at all', 'Several days', 'Not at all'];
      for (let item = 1; item <= 8; item++) {
        const group = page.getByRole('radiogroup', { name: new RegExp(`^${item}\\. `) });
        await group
          .getByRole('radio', { name: answers[item % answers.length] ?? 'Not at all', exact: true })
          .click();
      }
      const item9 = page.getByRole('radiogroup', { name: /^9\. Thoughts that you would be better off dead/ });
      await item9.getByRole('radio', { name: 'More than half the days', exact: true }).click();
      await expect
        .poll(() => item9.getByRole('radio', { checked: true }).innerText())
        .toBe('More than half the days');

      // A time in the future is refused by the server; its reason shows at the "Given at" field.
      const givenAt = page.getByRole('textbox', { name: 'Given at' });
      const tomorrow = new Date(Date.now() + 36 * 3600_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      await givenAt.fill(
        `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T09:30`,
      );
      await page.getByRole('button', { name: 'Score and save' }).click();
      await expect.poll(() => givenAt.getAttribute('aria-invalid')).toBe('true');
      await page.getByText('cannot be in the future').waitFor();
      await givenAt.fill('');
      await page.getByRole('button', { name: 'Score and save' }).click();

      // The banner: an alert, with words (not only colour) saying what is due today.
      const banner = page.getByRole('alert').filter({ hasText: 'Safety risk' });
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain('PHQ-9 item 9 answered “More than half the days”');
      expect(text).toMatch(/Due today/);
      expect(text).toContain('suicide risk assessment');
      await expect.poll(() => page.getByTestId('triage-disposition').innerText()).toBe('Safety protocol');

      // The worklist of the clinic has the safety task.
      await goVia(page, 'Worklist');
      await expectHeading(page, 'Worklist');
      const open = page.getByTestId('worklist-open');
      const row = open.getByRole('row').filter({ hasText: 'Rivera, Alex' });
      await row.waitFor();
      expect(await row.innerText()).toContain('Safety protocol');

      // suicide-risk.md §1 EP 3: a positive screen closes only by an assessment. The care manager records
      // one (through the API here), and the item leaves the open list.
      const cm = await Api.signIn(inject('baseUrl'), careManager.email, careManager.password);
      const screenings = await cm.request<{ screenings: { id: string }[] }>(
        'GET',
        `/api/patients/${patient.id}/screenings`,
      );
      const screeningId = screenings.screenings[0]?.id ?? '';
      await cm.request(
        'POST',
        `/api/patients/${patient.id}/safety-assessments`,
        moderateAssessment(screeningId, careManager.id),
      );
      await page.reload();
      await expect.poll(() => open.getByRole('row').filter({ hasText: 'Rivera, Alex' }).count()).toBe(0);

      await page.getByRole('tab', { name: 'Done' }).click();
      await page.getByTestId('worklist-done').getByRole('row').filter({ hasText: 'Rivera, Alex' }).waitFor();
    });
  });
});
