// A locked billing month refuses new contacts in the database itself, atomically with the insert: the
// statement share-locks the months it writes into, so a lock (an UPDATE of that row) waits for writers in
// flight and writers after it see it. Every write path (API, correction, bulk COPY) passes through here.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION contacts_refuse_locked_month() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      m record;
    BEGIN
      -- Every existing month row is locked, whatever its status: a row skipped because it read 'closed'
      -- could be locked and committed before this transaction commits. FOR SHARE returns its newest version.
      FOR m IN
        SELECT b.month, b.status FROM billing_months b
        WHERE (b.org_id, b.clinic_id, b.month) IN (
          SELECT DISTINCT n.org_id, n.clinic_id, to_char(n.occurred_at AT TIME ZONE c.timezone, 'YYYY-MM')
          FROM new_contacts n JOIN clinics c ON c.org_id = n.org_id AND c.id = n.clinic_id
        )
        ORDER BY b.clinic_id, b.month
        FOR SHARE OF b
      LOOP
        IF m.status = 'locked' THEN
          RAISE EXCEPTION 'billing month % is locked', m.month USING ERRCODE = 'CL001', DETAIL = m.month;
        END IF;
      END LOOP;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER contacts_locked_month AFTER INSERT ON contacts
      REFERENCING NEW TABLE AS new_contacts
      FOR EACH STATEMENT EXECUTE FUNCTION contacts_refuse_locked_month();
  `.execute(db);
}
