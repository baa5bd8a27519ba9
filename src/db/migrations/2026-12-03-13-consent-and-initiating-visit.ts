// Consent as CMS asks (cost sharing and consultation explained, withdrawal, a history per episode), the
// initiating visit, the billing practitioner's history, inpatient contacts and staff given/family names.
import { sql, type Kysely } from 'kysely';

// billing.md §1: consent is obtained once and again when the billing practitioner changes, and the patient
// may stop at any time, so an episode has a history of consents; billing reads the one in effect for the
// month. The episode's consent_* columns stay the current consent the registry and the status machine read.
// Consents recorded before this migration did not say whether cost sharing and consultation were explained:
// they keep NULL there (their months skip with that reason until a new consent is documented).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE episodes
      ADD COLUMN consent_cost_sharing_explained boolean,
      ADD COLUMN consent_consultation_explained boolean,
      ADD COLUMN consent_withdrawn_at timestamptz,
      ADD COLUMN consent_withdrawn_recorded_by uuid,
      ADD COLUMN initiating_visit_on date,
      ADD COLUMN initiating_visit_type text CHECK (initiating_visit_type IN ('em', 'awv', 'ippe')),
      ADD COLUMN initiating_visit_practitioner_id uuid,
      ADD CONSTRAINT episodes_initiating_visit_complete
        CHECK (num_nulls(initiating_visit_on, initiating_visit_type, initiating_visit_practitioner_id) IN (0, 3)),
      ADD FOREIGN KEY (org_id, initiating_visit_practitioner_id) REFERENCES users(org_id, id);

    CREATE TABLE episode_consents (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL,
      obtained_at timestamptz NOT NULL,
      method text NOT NULL CHECK (method IN ('verbal', 'written')),
      obtained_by uuid,
      cost_sharing_explained boolean,
      consultation_explained boolean,
      withdrawn_at timestamptz,
      withdrawal_recorded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id),
      CHECK (withdrawn_at IS NULL OR withdrawn_at >= obtained_at)
    );
    CREATE INDEX episode_consents_episode_idx ON episode_consents (org_id, episode_id, obtained_at);
    INSERT INTO episode_consents (org_id, episode_id, obtained_at, method, obtained_by)
      SELECT org_id, id, consent_obtained_at, COALESCE(consent_method, 'verbal'), consent_obtained_by
      FROM episodes WHERE consent_obtained_at IS NOT NULL;

    -- Who directed care and billed from when: a closed month keeps the practitioner of that month.
    CREATE TABLE episode_billing_practitioners (
      org_id uuid NOT NULL,
      episode_id uuid NOT NULL,
      practitioner_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      recorded_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, episode_id, starts_at),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id),
      FOREIGN KEY (org_id, practitioner_id) REFERENCES users(org_id, id)
    );
    INSERT INTO episode_billing_practitioners (org_id, episode_id, practitioner_id, starts_at)
      SELECT org_id, id, billing_practitioner_id, referred_at FROM episodes;

    -- billing.md §1: minutes while the patient is inpatient or in observation do not count.
    ALTER TABLE contacts ADD COLUMN during_inpatient_stay boolean NOT NULL DEFAULT false;

    -- 837P names are structured (billing.md §9a): never split from the display name.
    ALTER TABLE users
      ADD COLUMN given_name text,
      ADD COLUMN family_name text;
  `.execute(db);
}
