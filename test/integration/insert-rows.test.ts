// Inserting more rows than one statement may bind (65 535 parameters), as a large clinic's month close
// does: both insert helpers write every row, on PGlite and on PostgreSQL.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertJsonRows } from '../../src/db/insert-json-rows.js';
import { insertRows } from '../../src/db/insert-rows.js';
import { newTestOrg } from '../support/api.js';

// 9 columns × 8 000 rows = 72 000 values: more than one bind message holds.
const ROWS = 8_000;
const events = (orgId: string, action: string) =>
  Array.from({ length: ROWS }, (_, i) => ({
    org_id: orgId,
    actor_id: null,
    action,
    entity: 'billing_month',
    entity_id: null,
    patient_id: null,
    clinic_id: null,
    request_id: `bulk-${i}`,
    details: { claims: i },
  }));

describe('inserting many rows', () => {
  it('insertRows splits past the parameter limit and writes every row', async () => {
    const org = await newTestOrg();
    const rows = events(org.orgId, 'billing.close').map((r) => ({
      ...r,
      details: JSON.stringify(r.details),
    }));
    await insertRows(org.db, 'audit_events', rows);
    const { rows: counted } = await sql<{ n: number }>`
      select count(*)::int as n from audit_events where org_id = ${org.orgId} and request_id like 'bulk-%'`.execute(
      org.db,
    );
    expect(counted[0]!.n).toBe(ROWS);
  });

  it('insertJsonRows writes every row in one statement, jsonb values as objects', async () => {
    const org = await newTestOrg();
    await insertJsonRows(org.db, 'audit_events', events(org.orgId, 'billing.close'));
    const { rows } = await sql<{ n: number; objects: number; last: number }>`
      select count(*)::int as n, count(*) filter (where jsonb_typeof(details) = 'object')::int as objects,
             max((details->>'claims')::int) as last
      from audit_events where org_id = ${org.orgId} and request_id like 'bulk-%'`.execute(org.db);
    expect(rows[0]).toEqual({ n: ROWS, objects: ROWS, last: ROWS - 1 });
  });
});
