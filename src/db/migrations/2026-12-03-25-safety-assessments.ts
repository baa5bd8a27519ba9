// Suicide-risk process (suicide-risk.md): versioned assessments, the tasks their pathway requires, and
// versioned Stanley–Brown safety plans. Corrections add a version; nothing here is updated in place
// except a task's completion.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE safety_assessments (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      assessment_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      episode_id uuid,
      screening_id uuid,
      assessed_at timestamptz NOT NULL,
      assessed_by uuid NOT NULL,
      risk_level text NOT NULL CHECK (risk_level IN ('low', 'moderate', 'high')),
      disposition text NOT NULL,
      follow_up_at timestamptz,
      follow_up_staff_id uuid,
      pathway_version integer NOT NULL,
      record jsonb NOT NULL,
      correction_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, assessment_id, version),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id),
      CHECK (follow_up_at IS NOT NULL OR disposition = 'ed_transfer'),
      CHECK ((version = 1) = (correction_reason IS NULL))
    );
    CREATE INDEX safety_assessments_patient_idx ON safety_assessments (org_id, patient_id, assessed_at);

    CREATE TABLE safety_tasks (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      assessment_id uuid NOT NULL,
      code text NOT NULL,
      label text NOT NULL,
      due_at timestamptz NOT NULL,
      roles text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'superseded')),
      completed_at timestamptz,
      completed_by uuid,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id),
      CHECK ((status = 'open') = (completed_at IS NULL))
    );
    CREATE INDEX safety_tasks_open_idx ON safety_tasks (org_id, clinic_id, due_at) WHERE status = 'open';
    CREATE INDEX safety_tasks_patient_idx ON safety_tasks (org_id, patient_id, assessment_id);

    CREATE TABLE safety_plans (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      assessment_id uuid,
      plan jsonb NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, patient_id, version),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
    );
  `.execute(db);
}
