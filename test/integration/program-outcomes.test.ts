// Program outcomes over HTTP and in SQL: hand-computed figures, the SQL held to the domain's definitions, roles.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROGRAM_MEASURE_RULE,
  measureEpisode,
  measureTwelveMonths,
} from '../../src/domain/outcomes/index.js';
import { addDays, dayOf } from '../../src/domain/calendar/index.js';
import { episodeMeasuresCte } from '../../src/services/outcomes/episode-measures-sql.js';
import { newTestOrg, type TestOrg } from '../support/api.js';

const ZONE = 'America/New_York';
const AS_OF = '2026-12-01';
/** 15:00 UTC, 10:00 in New York: the clinic day is the UTC day. */
const at = (start: string, n: number) => `${addDays(start, n)}T15:00:00Z`;

interface Fixture {
  key: string;
  enrolled: string;
  cm: 'cm1' | 'cm2';
  discharged?: number;
  /** [day after enrollment or an ISO instant, PHQ-9 total] */
  phq9: [number | string, number][];
  gad7?: [number, number][];
}

// Hand-computed below; days are after enrollment, the window is days 84–112.
const FIXTURES: Fixture[] = [
  {
    key: 'A 20→10 at day 90: response',
    enrolled: '2026-01-05',
    cm: 'cm1',
    phq9: [
      [0, 20],
      [30, 14],
      [90, 10],
    ],
    gad7: [
      [0, 12],
      [90, 5],
    ],
  },
  {
    key: 'B 12→4 at day 100: response and remission',
    enrolled: '2026-01-05',
    cm: 'cm1',
    phq9: [
      [0, 12],
      [100, 4],
    ],
  },
  {
    key: 'C baseline 9: excluded',
    enrolled: '2026-01-05',
    cm: 'cm1',
    phq9: [
      [0, 9],
      [90, 2],
    ],
  },
  {
    key: 'D discharged day 60: excluded',
    enrolled: '2026-01-05',
    cm: 'cm1',
    discharged: 60,
    phq9: [
      [0, 20],
      [40, 8],
    ],
  },
  { key: 'E no PHQ-9: excluded', enrolled: '2026-01-05', cm: 'cm1', phq9: [] },
  // 2026-04-28T03:00Z is 23:00 on 2026-04-27 in New York: day 112, the last window day.
  {
    key: 'F New York day 112: response and remission',
    enrolled: '2026-01-05',
    cm: 'cm1',
    phq9: [
      [0, 18],
      ['2026-04-28T03:00:00Z', 4],
    ],
  },
  {
    key: 'G no score in window: not met',
    enrolled: '2026-01-05',
    cm: 'cm1',
    phq9: [
      [0, 18],
      [30, 16],
    ],
  },
  {
    key: 'H 12 months: remission',
    enrolled: '2025-01-06',
    cm: 'cm2',
    phq9: [
      [0, 16],
      [365, 4],
    ],
  },
  {
    key: 'I enrolled 50 days before: window not reached',
    enrolled: '2026-10-12',
    cm: 'cm2',
    phq9: [[0, 15]],
  },
];

async function seed(org: TestOrg) {
  const [pcp, cm1, cm2] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['care_manager']),
  ]);
  const cms = { cm1: cm1.id, cm2: cm2.id };
  const ids = new Map<string, string>();
  for (const [i, f] of FIXTURES.entries()) {
    const patient = await org.db
      .insertInto('patients')
      .values({
        org_id: org.orgId,
        clinic_id: org.clinicId,
        mrn: `OUT-${i}-${org.orgId.slice(0, 8)}`,
        given_name: 'Out',
        family_name: `Come${i}`,
        birth_date: '1970-01-01',
        sex: 'female',
        pcp_id: pcp.id,
        payer: 'medicare',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const episode = await org.db
      .insertInto('episodes')
      .values({
        org_id: org.orgId,
        clinic_id: org.clinicId,
        patient_id: patient.id,
        program: 'cocm',
        status: f.discharged === undefined ? 'active' : 'discharged',
        referred_at: at(f.enrolled, -3),
        enrolled_at: at(f.enrolled, 0),
        discharged_at: f.discharged === undefined ? null : at(f.enrolled, f.discharged),
        discharge_reason: f.discharged === undefined ? null : 'completed',
        billing_practitioner_id: pcp.id,
        care_manager_id: cms[f.cm],
        pcp_id: pcp.id,
        diagnoses: ['F32.1'],
        primary_measure: 'phq-9',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(f.key, episode.id);
    const scores = [
      ...f.phq9.map(([d, total]) => ['phq-9', d, total] as const),
      ...(f.gad7 ?? []).map(([d, total]) => ['gad-7', d, total] as const),
    ];
    for (const [instrument, d, total] of scores)
      await org.db
        .insertInto('screenings')
        .values({
          org_id: org.orgId,
          clinic_id: org.clinicId,
          patient_id: patient.id,
          instrument,
          answers: JSON.stringify([]),
          administered_at: typeof d === 'number' ? at(f.enrolled, d) : d,
          total,
          severity: null,
          positive: total >= 10,
          flags: [],
          reasons: JSON.stringify([]),
          item9: null,
        })
        .execute();
  }
  return { cms, ids, pcp };
}

describe('program outcomes', () => {
  it('answers the hand-computed PHQ-9 and GAD-7 figures, per care manager and per enrollment month', async () => {
    const org = await newTestOrg({ timeZone: ZONE });
    const { cms } = await seed(org);
    const res = await org.admin.get(`/api/outcomes/program?clinicId=${org.clinicId}&asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    const phq = res.body.measures['phq-9'];
    expect(res.body.episodes).toBe(9);
    // Denominator A B F G H; response A B F; remission B F; G and H without a window score.
    expect(phq.response).toEqual({ numerator: 3, denominator: 5 });
    expect(phq.remission).toEqual({ numerator: 2, denominator: 5 });
    expect(phq.noScoreInWindow).toBe(2);
    expect(phq.excluded).toEqual({
      no_baseline: 1,
      baseline_below_threshold: 1,
      discharged_before_window: 1,
      window_not_reached: 1,
    });
    // Elevated with a follow-up: A −10, B −8, D −12, F −14, G −2, H −12 → −58 / 6.
    expect(phq.meanChange.episodes).toBe(6);
    expect(phq.meanChange.mean).toBeCloseTo(-58 / 6, 6);
    // Decided: A ✓ B ✗ C ✗ D ✓ F ✗ G ✓ H ✗ (E no baseline, I window open).
    expect(phq.followUpInWindow).toEqual({ numerator: 3, denominator: 7 });
    // Days to 50 %: D 40, A 90, B 100, F 112, H 365; G and I not yet. p90 = 112 + 0.6 × 253.
    expect(phq.daysToResponse).toMatchObject({ reached: 5, notYet: 2, median: 100 });
    expect(phq.daysToResponse.p90).toBeCloseTo(263.8, 6);
    // Only H's 12-month window (days 305–425) has ended by 2026-12-01.
    expect(phq.twelveMonths).toEqual({
      followUp: { numerator: 1, denominator: 1 },
      response: { numerator: 1, denominator: 1 },
      remission: { numerator: 1, denominator: 1 },
    });
    // GAD-7: A 12 → 5 is a response (58 %), not a remission; the others have no GAD-7.
    expect(res.body.measures['gad-7'].response).toEqual({ numerator: 1, denominator: 1 });
    expect(res.body.measures['gad-7'].remission).toEqual({ numerator: 0, denominator: 1 });
    expect(res.body.measures['gad-7'].excluded.no_baseline).toBe(8);

    expect(
      res.body.byCareManager.map((c: any) => [c.careManagerId, c.response.numerator, c.response.denominator]),
    ).toEqual(
      expect.arrayContaining([
        [cms.cm1, 3, 4],
        [cms.cm2, 0, 1],
      ]),
    );
    expect(res.body.byEnrollmentMonth).toEqual([
      {
        month: '2025-01',
        response: { numerator: 0, denominator: 1 },
        remission: { numerator: 0, denominator: 1 },
      },
      {
        month: '2026-01',
        response: { numerator: 3, denominator: 4 },
        remission: { numerator: 2, denominator: 4 },
      },
      {
        month: '2026-10',
        response: { numerator: 0, denominator: 0 },
        remission: { numerator: 0, denominator: 0 },
      },
    ]);
    expect(res.body.twelveMonthApproximations.length).toBeGreaterThan(0);

    const one = await org.admin.get(`/api/outcomes/program?careManagerId=${cms.cm2}&asOf=${AS_OF}`);
    expect(one.body.episodes).toBe(2);
    expect(one.body.measures['phq-9'].response).toEqual({ numerator: 0, denominator: 1 });

    const audit = await org.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'outcomes.read')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('computes in SQL exactly what the domain defines, episode by episode (mbc.md §2, §3)', async () => {
    const org = await newTestOrg({ timeZone: ZONE });
    const { ids } = await seed(org);
    const rule = DEFAULT_PROGRAM_MEASURE_RULE;
    const { rows } = await sql<any>`
      with ${episodeMeasuresCte({ orgId: org.orgId, clinicIds: [org.clinicId], asOf: AS_OF, now: new Date() }, rule)}
      select * from measured where instrument = 'phq-9'`.execute(org.db);
    expect(rows).toHaveLength(FIXTURES.length);
    for (const f of FIXTURES) {
      const row = rows.find((r) => r.episode_id === ids.get(f.key));
      const scores = f.phq9.map(([d, total]) => ({
        day: typeof d === 'number' ? addDays(f.enrolled, d) : dayOf(d, ZONE),
        total,
      }));
      const dischargedOn = f.discharged === undefined ? null : addDays(f.enrolled, f.discharged);
      const m = measureEpisode({ enrolledOn: f.enrolled, dischargedOn, scores, asOf: AS_OF }, rule);
      const tm = m.baseline
        ? measureTwelveMonths({ baseline: m.baseline, scores: scores.slice(1), asOf: AS_OF }, rule)
        : { counted: false as const };
      expect(
        {
          exclusion: row.exclusion,
          response: row.exclusion === null && row.response,
          remission: row.exclusion === null && row.remission,
          change: row.change,
          followedUp: row.followed_up,
          daysToResponse: row.days_to_response,
          tm: row.tm_counted ? [row.tm_follow_up, row.tm_response, row.tm_remission] : null,
        },
        f.key,
      ).toEqual({
        exclusion: m.outcome.included ? null : m.outcome.exclusion,
        response: m.outcome.included && m.outcome.response,
        remission: m.outcome.included && m.outcome.remission,
        change: m.change,
        followedUp: m.followUpInWindow,
        daysToResponse: m.daysToResponse,
        tm: tm.counted ? [tm.followUp, tm.response, tm.remission] : null,
      });
    }
  });

  it.each([
    ['a care manager may not read program figures', ['care_manager'], 403],
    ['a PCP may not read program figures', ['pcp'], 403],
    ['the psychiatric consultant may', ['psychiatric_consultant'], 200],
  ] as const)('%s', async (_rule, roles, status) => {
    const org = await newTestOrg();
    const user = await org.user([...roles]);
    expect((await user.get('/api/outcomes/program')).status).toBe(status);
  });

  it('refuses another organization’s clinic as not found and a bad window with the field', async () => {
    const org = await newTestOrg();
    const other = await newTestOrg();
    const foreign = await org.admin.get(`/api/outcomes/program?clinicId=${other.clinicId}`);
    expect(foreign.status).toBe(404);
    const bad = await org.admin.get('/api/outcomes/program?windowFromWeeks=16&windowToWeeks=12');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.field)).toEqual(['windowToWeeks']);
    const backwards = await org.admin.get(
      '/api/outcomes/program?enrolledFrom=2026-02-01&enrolledTo=2026-01-01',
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues.map((i: any) => i.field)).toEqual(['enrolledTo']);
  });
});
