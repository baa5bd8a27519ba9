// Patient search as a front desk types it, and the duplicate warning before registering.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const PEOPLE = [
  { mrn: 'A-1001', givenName: 'Nora', familyName: 'Abbott', birthDate: '1961-03-14' },
  { mrn: 'A-1002', givenName: 'Norbert', familyName: 'Abelson', birthDate: '1958-11-02' },
  { mrn: 'B-2001', givenName: 'José', familyName: 'Núñez', birthDate: '1975-07-30' },
  { mrn: 'B-2002', givenName: 'Siobhan', familyName: "O'Brien", birthDate: '1961-03-14' },
  { mrn: 'C-3001', givenName: 'Mary-Jane', familyName: 'Watson', birthDate: '1990-01-05' },
  { mrn: 'C-3002', givenName: 'ÉLODIE', familyName: 'LEFÈVRE', birthDate: '1984-12-24' },
];

let shared: Promise<{ org: TestOrg; ids: Map<string, string> }> | undefined;
function registered() {
  shared ??= (async () => {
    const org = await newTestOrg();
    const ids = new Map<string, string>();
    for (const p of PEOPLE) {
      const res = await org.admin.post('/api/patients', patientBody(org.clinicId, p));
      expect(res.status).toBe(201);
      ids.set(p.mrn, res.body.id);
    }
    return { org, ids };
  })();
  return shared;
}

describe('patient search', () => {
  it.each([
    ['family name, comma, given name as the chart shows it', 'Abbott, Nora', ['A-1001']],
    ['given name then family name', 'Nora Abbott', ['A-1001']],
    ['parts of both words in any order', 'nor abb', ['A-1001']],
    ['a shared prefix finds everyone with it', 'nor', ['A-1001', 'A-1002']],
    ['upper case against mixed case', 'ABBOTT', ['A-1001']],
    ['no accents against accented names', 'jose nunez', ['B-2001']],
    ['accents against accents', 'Núñez', ['B-2001']],
    ['lower case without accents against upper case with accents', 'elodie lefevre', ['C-3002']],
    ['an apostrophe typed or not', 'obrien', ['B-2002']],
    ['an apostrophe typed', "o'brien", ['B-2002']],
    ['one half of a hyphenated name', 'jane watson', ['C-3001']],
    ['birth date as YYYY-MM-DD', '1961-03-14', ['A-1001', 'B-2002']],
    ['birth date as MM/DD/YYYY', '03/14/1961', ['A-1001', 'B-2002']],
    ['birth date without leading zeros', '3/14/1961', ['A-1001', 'B-2002']],
    ['birth date and a name narrow each other', 'abbott 03/14/1961', ['A-1001']],
    ['a whole MRN', 'B-2001', ['B-2001']],
    ['part of an MRN', '2002', ['B-2002']],
    ['a word nobody has', 'zzz', []],
    ['a name with the wrong birth date', 'abbott 1961-03-15', []],
    ['LIKE wildcards are taken literally', '%', []],
    ['an underscore is not a wildcard', 'n_ra', []],
  ])('%s: "%s"', async (_, q, mrns) => {
    const { org } = await registered();
    const res = await org.admin.get(`/api/patients?clinicId=${org.clinicId}&q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.body.patients.map((p: { mrn: string }) => p.mrn).sort()).toEqual([...mrns].sort());
  });

  it('is indexed by trigram on the folded search text', async () => {
    const { org } = await registered();
    const indexes = await org.db
      .selectFrom('pg_indexes' as never)
      .select(['indexname' as never, 'indexdef' as never])
      .where('tablename' as never, '=', 'patients' as never)
      .execute();
    expect(JSON.stringify(indexes)).toMatch(/gin \(search_text gin_trgm_ops\)/);
  });
});

describe('possible duplicates before registering', () => {
  it.each([
    ['the same name', 'Nora', 'Abbott', '1961-03-14', ['A-1001']],
    ['a letter dropped from the family name', 'Nora', 'Abbot', '1961-03-14', ['A-1001']],
    ['a letter added to the given name', 'Norah', 'Abbott', '1961-03-14', ['A-1001']],
    ['given and family names swapped', 'Abbott', 'Nora', '1961-03-14', ['A-1001']],
    ['accents and case differ', 'jose', 'NUNEZ', '1975-07-30', ['B-2001']],
    ['a similar name on another birth date is no duplicate', 'Nora', 'Abbott', '1961-03-15', []],
    ['a different person on the same birth date is no duplicate', 'Maria', 'Gonzalez', '1961-03-14', []],
  ])('%s', async (_, givenName, familyName, birthDate, mrns) => {
    const { org } = await registered();
    const params = new URLSearchParams({ clinicId: org.clinicId, givenName, familyName, birthDate });
    const res = await org.admin.get(`/api/patients/duplicates?${params}`);
    expect(res.status).toBe(200);
    expect(res.body.candidates.map((p: { mrn: string }) => p.mrn)).toEqual(mrns);
  });

  it('checks only the caller’s clinics, validates its input and is audited with ids only', async () => {
    const { org, ids } = await registered();
    const other = await newTestOrg();
    const q = { givenName: 'Nora', familyName: 'Abbott', birthDate: '1961-03-14' };
    const stranger = await other.admin.get(
      `/api/patients/duplicates?${new URLSearchParams({ clinicId: org.clinicId, ...q })}`,
    );
    expect(stranger.status).toBe(404);
    const bad = await org.admin.get(
      `/api/patients/duplicates?${new URLSearchParams({ clinicId: org.clinicId, ...q, birthDate: '14/03/1961' })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('birthDate');
    const billing = await org.user(['billing']);
    expect(
      (await billing.get(`/api/patients/duplicates?${new URLSearchParams({ clinicId: org.clinicId, ...q })}`))
        .status,
    ).toBe(403);

    await org.admin.get(`/api/patients/duplicates?${new URLSearchParams({ clinicId: org.clinicId, ...q })}`);
    const audit = await org.db
      .selectFrom('audit_events')
      .select('details')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'patient.list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ patientIds: [ids.get('A-1001')], purpose: 'duplicate_check' });
    expect(JSON.stringify(audit.details)).not.toMatch(/Nora|Abbott|1961/);
  });
});
