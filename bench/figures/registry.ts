// Registry page: `readRegistry` for 50 rows filtered by care manager, against one hand-written query
// returning the same page's core columns.
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import type { Actor } from '../../src/services/actor.js';
import { readRegistry, registryQuery } from '../../src/services/registry/registry-view.js';
import { latency, timed, type Latency } from '../stats.js';

export interface RegistryFigure {
  /** Steady state: every care manager's page was read before. */
  real: Latency;
  raw: Latency;
  /** First read of a care manager's page, when its rows may not be in memory yet. */
  coldReal: Latency;
  coldRaw: Latency;
  careManagers: number;
  /** Mean open episodes per care manager read. */
  caseload: number;
}

interface CareManager {
  id: string;
  clinic_id: string;
  open: number;
}

/** The page's core data in one statement: episodes, patient, baseline and latest score, last contact, minutes. */
function rawRegistryPage(db: Db, orgId: string, cm: CareManager, month: string) {
  return sql`
    select e.id, e.status, e.referred_at, e.enrolled_at, p.mrn, p.given_name, p.family_name, p.birth_date, p.payer,
      (select s.total from screenings s where s.org_id = e.org_id and s.patient_id = e.patient_id
         and s.instrument = e.primary_measure and s.administered_at >= coalesce(e.enrolled_at, e.referred_at)
         order by s.administered_at limit 1) as baseline,
      (select s.total from screenings s where s.org_id = e.org_id and s.patient_id = e.patient_id
         and s.instrument = e.primary_measure order by s.administered_at desc limit 1) as latest,
      (select max(k.occurred_at) from contacts k where k.org_id = e.org_id and k.episode_id = e.id
         and k.kind = 'entry' and k.modality <> 'none') as last_contact,
      (select coalesce(sum(m.counted_minutes), 0) from episode_month_minutes m where m.org_id = e.org_id
         and m.episode_id = e.id and m.month = ${month}) as minutes_this_month,
      (select max(r.reviewed_at) from case_reviews r where r.org_id = e.org_id and r.episode_id = e.id) as last_review
    from episodes e
    join patients p on p.org_id = e.org_id and p.id = e.patient_id
    where e.org_id = ${orgId} and e.clinic_id = ${cm.clinic_id} and e.care_manager_id = ${cm.id}
      and e.status <> 'discharged'
    order by last_contact nulls first
    limit 50
  `.execute(db);
}

export async function measureRegistry(db: Db, orgId: string, reads: number): Promise<RegistryFigure> {
  const { rows: cms } = await sql<CareManager>`
    select u.id, uc.clinic_id, count(e.id)::int as open
    from users u
    join user_clinics uc on uc.org_id = u.org_id and uc.user_id = u.id
    join episodes e on e.org_id = u.org_id and e.care_manager_id = u.id and e.clinic_id = uc.clinic_id
      and e.status <> 'discharged'
    where u.org_id = ${orgId} and 'care_manager' = any(u.roles)
    group by 1, 2
    order by 3 desc, 1
    limit 60
  `.execute(db);
  if (cms.length === 0) throw new Error('no care manager with open episodes in the organization');
  const month = new Date().toISOString().slice(0, 7);
  const read = (cm: CareManager) => {
    const actor: Actor = {
      orgId,
      userId: cm.id,
      roles: ['care_manager'],
      clinicIds: [cm.clinic_id],
      requestId: 'bench',
    };
    return readRegistry({
      db,
      actor,
      now: new Date(),
      query: registryQuery.parse({ careManagerId: cm.id, limit: 50 }),
    });
  };
  const real: number[] = [];
  const raw: number[] = [];
  const coldReal: number[] = [];
  const coldRaw: number[] = [];
  // First reads of each care manager's page, when its rows may still be on disk: half start with the
  // real path, half with the raw query, and only whichever went first counts as cold.
  for (const [i, cm] of cms.entries()) {
    if (i % 2 === 0) {
      coldReal.push((await timed(() => read(cm))).ms);
      await rawRegistryPage(db, orgId, cm, month);
    } else {
      coldRaw.push((await timed(() => rawRegistryPage(db, orgId, cm, month))).ms);
      await read(cm);
    }
  }
  // Steady state, interleaved in alternating order so drift on a shared machine touches both alike.
  for (let i = 0; i < reads; i++) {
    const cm = cms[i % cms.length]!;
    const timeReal = async () => real.push((await timed(() => read(cm))).ms);
    const timeRaw = async () => raw.push((await timed(() => rawRegistryPage(db, orgId, cm, month))).ms);
    if (i % 2 === 0) {
      await timeReal();
      await timeRaw();
    } else {
      await timeRaw();
      await timeReal();
    }
  }
  const read_ = cms.slice(0, Math.min(reads, cms.length));
  return {
    real: latency(real),
    raw: latency(raw),
    coldReal: latency(coldReal),
    coldRaw: latency(coldRaw),
    careManagers: read_.length,
    caseload: Math.round(read_.reduce((sum, cm) => sum + cm.open, 0) / read_.length),
  };
}
