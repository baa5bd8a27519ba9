// The collaborative care loop across roles: a care manager enrolls a patient, logs contacts (timer,
// double click) and sees the flags in the registry, and documents consent on a referred episode; the
// psychiatric consultant records a recommendation from the keyboard (each kind by its Alt+digit, an
// empty review only once confirmed); the PCP acknowledges it from the
// inbox; billing closes an ended month, prices its codes in the charge schedule and downloads its CSV.
// Every page on the way is checked with axe.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedClinic, type Seeded, type Staff } from './support/api';
import { accessibilityProblems } from './support/axe';
import { expectHeading, goVia, launchBrowser, signIn, withSession } from './support/browser';

const WIDE = { width: 1366, height: 900 };

let browser: Browser;
let seeded: Seeded;
let careManager: Staff;
let consultant: Staff;
let pcp: Staff;
let billing: Staff;
let enrollee: { id: string; mrn: string };
let billed: { id: string; mrn: string };
/** The calendar month before this one in the clinic's zone: it has ended, so it can be closed. */
let lastMonth: string;

function previousMonth(timeZone: string): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(
    new Date(),
  );
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await accessibilityProblems(page), where).toEqual([]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await Api.admin();
  seeded = await seedClinic(admin, 'Care Loop Clinic');
  careManager = await seeded.staff('care_manager', 'Casey Manager, LCSW');
  consultant = await seeded.staff('psychiatric_consultant', 'Dr. Parker Consult');
  pcp = await seeded.staff('pcp', 'Dr. Robin Primary');
  billing = await seeded.staff('billing', 'Bailey Biller');
  const coverage = { payer: 'medicare', memberId: 'E2E-MEMBER-1' };
  enrollee = await seeded.patient('Jordan', 'Ellis', { pcpId: pcp.id, coverage });
  billed = await seeded.patient('Billie', 'Rowe', { pcpId: pcp.id, coverage });

  // Last month's care for the billing scenario, through the API: referral and consent early in the
  // month, then 40 counted minutes (an initial month: 99492 from 36 minutes).
  lastMonth = previousMonth(seeded.clinic.timezone);
  const cm = await Api.signIn(admin.baseUrl, careManager.email, careManager.password);
  const episode = await cm.request<{ id: string }>('POST', `/api/patients/${billed.id}/episodes`, {
    program: 'cocm',
    referredAt: `${lastMonth}-02T15:00:00Z`,
    billingPractitionerId: pcp.id,
    careManagerId: careManager.id,
    psychiatricConsultantId: consultant.id,
    diagnoses: ['F33.1'],
    primaryMeasure: 'phq-9',
    // billing.md §1: consent explaining cost sharing and consultation, and the PCP's initiating visit.
    consent: {
      obtainedAt: `${lastMonth}-02T15:30:00Z`,
      method: 'verbal',
      obtainedBy: careManager.id,
      costSharingExplained: true,
      consultationExplained: true,
    },
    initiatingVisit: { date: `${lastMonth}-02`, type: 'em', practitionerId: pcp.id },
  });
  await cm.request('POST', `/api/episodes/${episode.id}/contacts`, {
    occurredAt: `${lastMonth}-10T15:00:00Z`,
    minutes: 40,
    staffId: careManager.id,
    activity: 'initial_assessment',
    modality: 'in_person',
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the collaborative care loop', () => {
  it('a care manager enrolls a patient, logs contacts and sees the flags in the registry', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, careManager.email, careManager.password);
        // A care manager starts on the registry, on their own caseload.
        await expectHeading(page, 'Registry');
        await page.getByTestId('caseload-summary').getByText('Your caseload').waitFor();

        await page.goto(`/patients/${enrollee.id}`);
        await expectHeading(page, 'Jordan Ellis');
        await page.getByRole('button', { name: 'Enroll patient' }).click();
        const diagnoses = page.getByRole('textbox', { name: /Diagnoses/ });
        // The server's reason for a malformed code shows at the Diagnoses field.
        await diagnoses.fill('F3');
        await page.getByRole('checkbox', { name: /consented to collaborative care/ }).check();
        await page.getByRole('button', { name: 'Enroll', exact: true }).click();
        await expect.poll(() => diagnoses.getAttribute('aria-invalid')).toBe('true');
        await page.getByText(/is not an ICD-10-CM code/).waitFor();
        await diagnoses.fill('F32.1');
        await page.getByRole('button', { name: 'Enroll', exact: true }).click();
        const panel = page.getByTestId('episode-panel');
        await panel.waitFor();
        expect(await panel.getByTestId('episode-status').innerText()).toMatch(/active/i);
        expect(await panel.innerText()).toContain('consent on');

        // The medical assistant's PHQ-9 at today's visit: item 9 answered, a safety flag follows.
        const cm = await Api.signIn((await Api.admin()).baseUrl, careManager.email, careManager.password);
        await cm.request('POST', `/api/patients/${enrollee.id}/screenings`, {
          instrument: 'phq-9',
          answers: [2, 2, 2, 1, 1, 2, 1, 1, 1],
          administeredAt: new Date().toISOString(),
        });

        // Log a contact with the timer: Start, wait until it ticks, Stop fills the minutes.
        await page.getByRole('button', { name: 'Log contact' }).click();
        const form = page.getByTestId('log-contact');
        await form.getByRole('button', { name: 'Start timer' }).click();
        await expect
          .poll(() => form.getByTestId('contact-timer').innerText(), { timeout: 5000 })
          .not.toBe('00:00');
        await form.getByRole('button', { name: 'Stop timer' }).click();
        const minutes = form.getByRole('textbox', { name: 'Minutes' });
        expect(await minutes.inputValue()).toBe('1');
        await minutes.fill('25');
        await form.getByRole('combobox', { name: 'Activity' }).selectOption('initial_assessment');
        await form.getByRole('combobox', { name: 'How' }).selectOption('video');
        await form.getByRole('button', { name: 'Save contact' }).click();
        await form.getByRole('status').filter({ hasText: 'Logged 25 min' }).waitFor();

        // A double click on Save records one contact (one idempotency key per submission).
        await minutes.fill('15');
        await form.getByRole('button', { name: 'Save contact' }).dblclick();
        await form.getByRole('status').filter({ hasText: 'Logged 15 min' }).waitFor();
        const contacts = page.getByTestId('contact-log');
        await expect.poll(() => contacts.getByRole('row').count()).toBe(3); // header + 2
        await page.getByTestId('monthly-minutes').getByText('40 min').waitFor();
        await expectAccessible(page, 'patient chart with episode and contacts');

        // The registry: the patient's row, with the safety flag chip and its reason on keyboard focus.
        await goVia(page, 'Registry');
        await expectHeading(page, 'Registry');
        const row = page.getByTestId('registry-table').getByRole('row').filter({ hasText: 'Ellis, Jordan' });
        await row.waitFor();
        expect(await row.innerText()).toContain('40 min');
        const chip = row.locator('[data-flag="safety_risk"]');
        expect(await chip.innerText()).toContain('Safety risk');
        // Keyboard focus (Tab from the patient's link) shows the reason, as hover does.
        await row.getByRole('link', { name: 'Ellis, Jordan' }).focus();
        await page.keyboard.press('Tab');
        await expect.poll(() => chip.evaluate((el) => el === document.activeElement)).toBe(true);
        const tooltip = page.getByRole('tooltip');
        await tooltip.waitFor();
        expect(await tooltip.innerText()).toMatch(/item 9/);
        await expectAccessible(page, 'registry');

        // Filtering by a flag the row does not have leaves it out.
        await page.getByRole('combobox', { name: 'Flag' }).selectOption('inactive_6_months');
        await page.getByText('No episodes match these filters.').waitFor();
      },
      WIDE,
    );
  });

  it('a care manager documents consent on a referred episode; a future time is refused at its field', async () => {
    const coverage = { payer: 'medicare', memberId: 'E2E-MEMBER-2' };
    const referred = await seeded.patient('Casey', 'Morgan', { pcpId: pcp.id, coverage });
    const cm = await Api.signIn((await Api.admin()).baseUrl, careManager.email, careManager.password);
    await cm.request('POST', `/api/patients/${referred.id}/episodes`, {
      program: 'cocm',
      referredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      billingPractitionerId: pcp.id,
      careManagerId: careManager.id,
      psychiatricConsultantId: consultant.id,
      diagnoses: ['F41.1'],
      primaryMeasure: 'gad-7',
    });
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, careManager.email, careManager.password);
        await expectHeading(page, 'Registry');
        await page.goto(`/patients/${referred.id}`);
        await expectHeading(page, 'Casey Morgan');
        const panel = page.getByTestId('episode-panel');
        await panel.getByText('No consent documented').waitFor();
        await panel.getByRole('button', { name: 'Record consent' }).click();
        const form = panel.getByRole('form', { name: 'Record consent' });
        const at = form.getByLabel('Consent obtained at');
        await at.fill('2099-01-01T10:00');
        await form.getByRole('combobox', { name: 'Consent method' }).selectOption('written');
        await form.getByRole('button', { name: 'Save consent' }).click();
        await expect.poll(() => at.getAttribute('aria-invalid')).toBe('true');
        await expectAccessible(page, 'consent form with an error at its field');

        await at.fill('');
        await form.getByRole('checkbox', { name: /Cost sharing was explained/ }).check();
        await form.getByRole('checkbox', { name: /Consultation with specialists .* was explained/ }).check();
        await form.getByRole('button', { name: 'Save consent' }).click();
        await panel.getByText(/Written consent on/).waitFor();
        expect(await panel.getByText('No consent documented').count()).toBe(0);
        // A complete consent: nothing asks for it again, and the patient's withdrawal can be recorded.
        expect(await panel.getByText(/does not record that cost sharing/).count()).toBe(0);
        await panel.getByRole('button', { name: 'Withdraw consent' }).click();
        const withdraw = panel.getByRole('form', { name: 'Withdraw consent' });
        await withdraw.getByRole('button', { name: 'Record withdrawal' }).click();
        await panel.getByText(/Consent withdrawn on/).waitFor();
        await panel.getByRole('button', { name: 'Record consent again' }).waitFor();
      },
      WIDE,
    );
  });

  it('the psychiatric consultant records a recommendation from the keyboard', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, consultant.email, consultant.password);
        await expectHeading(page, 'Case review');
        const queue = page.getByTestId('review-queue');
        await queue.getByRole('button', { name: /Ellis, Jordan/ }).click();
        const workspace = page.getByTestId('review-workspace');
        await workspace.getByRole('heading', { name: 'Ellis, Jordan' }).waitFor();
        await workspace.getByText('Why now').waitFor();
        await expectAccessible(page, 'case review');

        const text = workspace.getByRole('textbox', { name: 'Recommendation' });
        await text.click();
        await page.keyboard.press('Alt+1');
        await expect
          .poll(() => workspace.getByRole('radio', { name: /Medication change/ }).isChecked())
          .toBe(true);
        await text.fill('Start sertraline 50 mg daily; recheck PHQ-9 in 4 weeks.');
        await text.press('Enter');
        await workspace
          .getByRole('list', { name: 'Recommendations to send' })
          .getByText(/sertraline/)
          .waitFor();
        await text.press('Control+Enter');
        await page
          .getByRole('status')
          .filter({ hasText: 'Saved the review of Ellis, Jordan with 1 recommendation' })
          .waitFor();
      },
      WIDE,
    );
  });

  it('the PCP acknowledges the recommendation from the inbox', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, pcp.email, pcp.password);
        await expectHeading(page, 'Inbox');
        const open = page.getByTestId('recommendations-open');
        const card = open.getByRole('listitem').filter({ hasText: 'Ellis, Jordan' });
        await card.waitFor();
        expect(await card.innerText()).toContain('Start sertraline 50 mg daily');
        expect(await card.getByRole('link', { name: 'Ellis, Jordan' }).getAttribute('href')).toBe(
          `/patients/${enrollee.id}`,
        );
        await expectAccessible(page, 'inbox');
        await card.getByRole('button', { name: /^Acknowledge/ }).click();
        await page
          .getByRole('status')
          .filter({ hasText: 'Acknowledged: Medication change for Ellis, Jordan' })
          .waitFor();
        await page.getByText('Nothing to acknowledge.').waitFor();
        await page.getByRole('tab', { name: 'Acknowledged' }).click();
        await page
          .getByTestId('recommendations-acknowledged')
          .getByText(/Acknowledged by the PCP/)
          .waitFor();
      },
      WIDE,
    );
  });

  it('the consultant picks each kind with Alt+1–4, and an empty review waits for a confirmation', async () => {
    // A clinician's safety concern puts the reviewed patient back on the consultant's list.
    const { baseUrl } = await Api.admin();
    const cm = await Api.signIn(baseUrl, careManager.email, careManager.password);
    const { episodes } = await cm.request<{ episodes: { id: string }[] }>(
      'GET',
      `/api/patients/${enrollee.id}/episodes`,
    );
    const episodeId = episodes[0]!.id;
    await cm.request('PATCH', `/api/episodes/${episodeId}`, { safetyConcern: true });
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, consultant.email, consultant.password);
        await expectHeading(page, 'Case review');
        await page
          .getByTestId('review-queue')
          .getByRole('button', { name: /Ellis, Jordan/ })
          .click();
        const workspace = page.getByTestId('review-workspace');
        await workspace.getByRole('heading', { name: 'Ellis, Jordan' }).waitFor();
        const text = workspace.getByRole('textbox', { name: 'Recommendation' });

        // Nothing entered: saving asks first, and going back saves nothing and stays on the patient.
        await text.press('Control+Enter');
        const confirm = page.getByRole('dialog', { name: 'Save an empty review?' });
        await confirm.waitFor();
        await expectAccessible(page, 'empty review confirmation');
        await confirm.getByRole('button', { name: 'Go back' }).click();
        await confirm.waitFor({ state: 'hidden' });
        expect(await page.getByRole('status').filter({ hasText: 'Saved the review' }).count()).toBe(0);
        await workspace.getByRole('heading', { name: 'Ellis, Jordan' }).waitFor();

        const keys = [
          ['Alt+2', 'Therapy change', 'therapy_change', 'Add weekly behavioral activation sessions.'],
          ['Alt+3', 'Referral', 'referral', 'Refer to community psychiatry for evaluation.'],
          ['Alt+4', 'Other', 'other', 'Recheck thyroid function before the next visit.'],
          ['Alt+1', 'Medication change', 'medication_change', 'Increase sertraline to 100 mg daily.'],
        ] as const;
        for (const [key, label, , recommendation] of keys) {
          await text.click();
          await page.keyboard.press(key);
          await expect
            .poll(() => workspace.getByRole('radio', { name: new RegExp(label) }).isChecked(), {
              message: key,
            })
            .toBe(true);
          await text.fill(recommendation);
          await text.press('Enter');
        }
        await text.press('Control+Enter');
        await page
          .getByRole('status')
          .filter({ hasText: 'Saved the review of Ellis, Jordan with 4 recommendations' })
          .waitFor();
        const consult = await Api.signIn(baseUrl, consultant.email, consultant.password);
        const episode = await consult.request<{
          caseReviews: { recommendations: { kind: string; text: string }[] }[];
        }>('GET', `/api/episodes/${episodeId}`);
        const saved = episode.caseReviews
          .flatMap((r) => r.recommendations)
          .filter((r) => keys.some(([, , , t]) => t === r.text));
        expect(saved.map((r) => [r.text, r.kind]).sort()).toEqual(
          keys.map(([, , kind, t]) => [t, kind]).sort(),
        );
      },
      WIDE,
    );
  });

  it('billing closes an ended month, prices its codes in the charge schedule and downloads its claims as CSV', async () => {
    await withSession(
      browser,
      async ({ page }) => {
        await page.goto('/');
        await signIn(page, billing.email, billing.password);
        await expectHeading(page, 'Billing');
        // The month picker starts on the previous month, which has ended.
        expect(await page.getByRole('textbox', { name: 'Month' }).inputValue()).toBe(lastMonth);
        await page
          .getByTestId('preview-table')
          .getByRole('row')
          .filter({ hasText: 'Rowe, Billie' })
          .waitFor();
        await expectAccessible(page, 'billing preview');

        await page.getByRole('button', { name: 'Close month' }).click();
        await page.getByRole('status').filter({ hasText: 'Month closed: 1 claim line' }).waitFor();
        await expect.poll(() => page.getByTestId('month-status').innerText()).toMatch(/closed/i);
        const claim = page.getByTestId('claims-table').getByRole('row').filter({ hasText: 'Rowe, Billie' });
        await claim.waitFor();
        const claimText = await claim.innerText();
        expect(claimText).toContain('99492');
        expect(claimText).toMatch(/40 counted minutes/);
        expect(claimText).toMatch(/Not set: no charge for 99492/);

        // Exports carry the practice's charges: price the codes first, a refused price shown at its input.
        await page.getByRole('tab', { name: 'Charge schedule' }).click();
        const schedule = page.getByRole('form', { name: 'Charge schedule' });
        const price = (row: number) =>
          schedule.getByRole('textbox', { name: `Price in dollars (row ${row})` });
        // A new schedule lists the codes the engine bills, each to be priced.
        await schedule.getByRole('textbox', { name: 'Code (row 1)' }).waitFor();
        const codes = await schedule
          .getByRole('textbox', { name: /^Code \(row \d+\)/ })
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
        expect(codes).toContain('99492');
        await price(1).fill('0');
        await schedule.getByRole('button', { name: 'Save charge schedule' }).click();
        await expect.poll(() => price(1).getAttribute('aria-invalid')).toBe('true');
        await schedule.getByText('must be more than 0').waitFor();
        await expectAccessible(page, 'charge schedule with an error');
        for (const [i, code] of codes.entries()) await price(i + 1).fill(code === '99492' ? '190.00' : '70');
        await schedule.getByRole('button', { name: 'Save charge schedule' }).click();
        await schedule.getByRole('status').filter({ hasText: 'Charge schedule saved.' }).waitFor();
        await page.getByRole('tab', { name: 'Claims' }).click();
        await expect.poll(() => claim.innerText()).toContain('$190.00');

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Download CSV' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`careloop-claims-${lastMonth}.csv`);
        const csv = await readFile(await download.path(), 'utf8');
        const [header, first] = csv.split(/\r?\n/);
        expect(header?.startsWith('service_month,date_of_service,patient_mrn')).toBe(true);
        expect(header).toContain(',code,');
        expect(first).toContain(billed.mrn);
        expect(first).toContain(',190.00,');
        await expectAccessible(page, 'billing claims');
      },
      WIDE,
    );
  });
});
