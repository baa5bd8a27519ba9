// Text no field may hold — a NUL, an unpaired UTF-16 surrogate — is refused at every edge with a 400
// naming the field, and nothing is written: JSON bodies, queries, path ids, and bulk and patient imports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/cli/database.js';
import { importRows } from '../../src/services/bulk/import-rows.js';
import { importPatients } from '../../src/services/patients/import-patients.js';
import { newTestOrg, patientBody } from '../support/api.js';
import { testDatabase } from '../support/db.js';

const REASON = 'must not contain NUL characters or unpaired surrogates';
const BAD = [
  ['a NUL', 'Ana\u0000'],
  ['a lone high surrogate', 'Ana\uD800'],
  ['a lone low surrogate', '\uDC00Ana'],
] as const;

const patientCount = async (org: Awaited<ReturnType<typeof newTestOrg>>) =>
  (await org.db.selectFrom('patients').select('id').where('org_id', '=', org.orgId).execute()).length;

describe('text inputs', () => {
  it.each(BAD)(
    'refuses %s in a JSON body field, naming its path, and writes nothing',
    async (_name, text) => {
      const org = await newTestOrg();
      const top = await org.admin.post('/api/patients', patientBody(org.clinicId, { givenName: text }));
      expect(top.status).toBe(400);
      expect(top.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'givenName', reason: REASON }],
      });
      const nested = await org.admin.post(
        '/api/patients',
        patientBody(org.clinicId, {
          address: { line1: text, city: 'Troy', state: 'NY', postalCode: '12180' },
        }),
      );
      expect(nested.status).toBe(400);
      expect(nested.body.error.issues).toEqual([{ field: 'address.line1', reason: REASON }]);
      expect(await patientCount(org)).toBe(0);
    },
  );

  it('refuses a NUL in a search query and in a path id (a URL cannot carry a lone surrogate)', async () => {
    const org = await newTestOrg();
    const search = await org.admin.get(`/api/patients?clinicId=${org.clinicId}&q=Ana%00`);
    expect(search.status).toBe(400);
    expect(search.body.error.issues).toEqual([{ field: 'q', reason: REASON }]);
    const byId = await org.admin.get('/api/patients/abc%00def');
    expect(byId.status).toBe(400);
    expect(byId.body.error.issues).toEqual([{ field: 'id', reason: REASON }]);
  });

  it('refuses a NUL in an object key', async () => {
    const org = await newTestOrg();
    const res = await org.admin.post('/api/patients', { ...patientBody(org.clinicId), 'x\u0000': 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: 'x\u0000', reason: REASON }]);
  });

  it.each(BAD)(
    'rejects an imported contact line with %s in its note, by line and field',
    async (_name, text) => {
      const org = await newTestOrg();
      const cm = await org.user(['care_manager']);
      const dir = mkdtempSync(join(tmpdir(), 'careloop-text-'));
      const file = join(dir, 'contacts.ndjson');
      const row = {
        episodeId: '00000000-0000-4000-8000-000000000000',
        occurredAt: new Date().toISOString(),
        minutes: 5,
        staffId: cm.id,
        activity: 'follow_up',
        modality: 'phone',
        note: text,
      };
      writeFileSync(file, `${JSON.stringify(row)}\n`);
      const { pgPool } = await testDatabase();
      const report = await importRows({
        noun: 'contact',
        now: new Date(),
        target: { db: org.db, pgPool },
        actor: await cliActor(org.db, org.orgId),
        clinicId: org.clinicId,
        source: { file, format: 'ndjson' },
      });
      expect(report.imported).toBe(0);
      expect(report.rejected).toEqual([{ line: 1, issues: [{ field: 'note', reason: REASON }] }]);
    },
  );

  it('rejects an imported patient row with a NUL, by row and field', async () => {
    const org = await newTestOrg();
    const result = await importPatients({
      db: org.db,
      now: new Date(),
      actor: await cliActor(org.db, org.orgId),
      clinicId: org.clinicId,
      records: [{ mrn: 'T-1', givenName: 'A\u0000', familyName: 'B', birthDate: '1960-02-03', sex: 'male' }],
      skipInvalid: false,
    });
    expect(result).toEqual({
      imported: 0,
      rejected: [{ row: 2, issues: [{ field: 'givenName', reason: REASON }] }],
    });
    expect(await patientCount(org)).toBe(0);
  });
});
