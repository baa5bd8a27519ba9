// Documents a behavioral health service entered directly (or, later, from a completed visit): one transaction.
import type { Db } from '../../db/connection.js';
import { billedSeparately, RENDERING_ROLES, SERVICE_ACTIVITY } from '../../domain/billing/encounter/index.js';
import { loggingRefusal } from '../../domain/billing/counting.js';
import { dayOf, monthOf, startOfDay } from '../../domain/calendar/index.js';
import type { Program } from '../../domain/billing/vocabulary.js';
import { contactStaffRole } from '../../domain/registry/contact-rules.js';
import { checkDiagnosisCode } from '../../domain/registry/diagnosis.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { lockedMonth, monthStatus } from '../billing/billing-month.js';
import { packForPatient, packsFor } from '../billing/rule-packs.js';
import { insertContactEntry } from '../contacts/log-contact.js';
import { findPatient } from '../patients/read-patients.js';
import { requireStaff } from '../staff.js';
import { codeDay, loadDay, toDocumented } from './day-coding.js';
import { toServiceView } from './service-view.js';
import type { BhServiceInput, BhServiceView } from './service-input.js';

// A service has no clock time; its minute-log entry sits at clinic-local noon of its date.
const NOON_MS = 12 * 3_600_000;

/**
 * Validates, codes and stores one service. When it codes, its minutes are billed separately and
 * never count toward CoCM or general BHI (billing.md §1): the service is marked so, and so is the
 * minute-log entry it writes on the patient's open episode when the clinician may log there.
 */
export async function documentBhService({
  db,
  actor,
  patientId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: BhServiceInput;
  /** The caller's clock: no service is in the future, and it stamps the record. */
  now: Date;
}): Promise<BhServiceView> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const { timezone } = await trx
      .selectFrom('clinics')
      .select('timezone')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', patient.clinicId)
      .executeTakeFirstOrThrow();
    if (input.serviceDate > dayOf(now, timezone)) {
      throw AppError.validation([
        { field: 'serviceDate', reason: 'cannot be after today in the clinic’s time zone' },
      ]);
    }
    const dx = checkDiagnosisCode(input.primaryDiagnosis);
    if (!dx.valid) throw AppError.validation([{ field: 'primaryDiagnosis', reason: dx.reason }]);
    const clinic = { orgId: actor.orgId, clinicId: patient.clinicId };
    const clinician = await requireStaff(trx, clinic, input.clinicianId, 'clinicianId', RENDERING_ROLES);
    const month = input.serviceDate.slice(0, 7);
    if ((await monthStatus(trx, actor.orgId, patient.clinicId, month)) === 'locked') throw lockedMonth(month);

    const draft = {
      org_id: actor.orgId,
      clinic_id: patient.clinicId,
      patient_id: patient.id,
      service_date: input.serviceDate,
      clinician_id: clinician.id,
      credential: clinician.credential,
      kind: input.kind,
      minutes: input.minutes,
      primary_diagnosis: dx.code,
      interactive_complexity: input.interactiveComplexity,
      group_size: input.groupSize,
      created_by: actor.userId,
    };
    const packs = await packsFor(trx, actor.orgId);
    const earlier = await loadDay(trx, actor.orgId, patient.id, input.serviceDate);
    const candidate = toDocumented({
      ...draft,
      id: 'new',
      billed_separately: false,
      contact_id: null,
      created_at: now,
    });
    const coded = codeDay([...earlier.map(toDocumented), candidate], packs, patient.coverage?.payer ?? null);
    const separately = billedSeparately(candidate.id, coded);

    const contactId = await writeMinuteEntry(trx, actor, {
      patientId: patient.id,
      clinicId: patient.clinicId,
      // never after now: the contact rules refuse a contact in the future
      occurredAt: new Date(
        Math.min(startOfDay(input.serviceDate, timezone).getTime() + NOON_MS, now.getTime()),
      ),
      timeZone: timezone,
      clinician,
      input,
      billedSeparately: separately,
      packs,
      payer: patient.coverage?.payer ?? null,
      now,
    });
    const row = await trx
      .insertInto('bh_services')
      .values({ ...draft, billed_separately: separately, contact_id: contactId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'bh_service.create',
      entity: 'bh_service',
      entityId: row.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
      ...(contactId ? { details: { contactId } } : {}),
    });
    const recoded = codeDay([...earlier, row].map(toDocumented), packs, patient.coverage?.payer ?? null);
    return toServiceView(row, recoded);
  });
}

/** The patient's episode in the clinic open on the date, when the clinician's minutes may be logged on it. */
async function writeMinuteEntry(
  trx: Db,
  actor: Actor,
  args: {
    patientId: string;
    clinicId: string;
    occurredAt: Date;
    timeZone: string;
    clinician: Awaited<ReturnType<typeof requireStaff>>;
    input: BhServiceInput;
    billedSeparately: boolean;
    packs: Awaited<ReturnType<typeof packsFor>>;
    payer: string | null;
    now: Date;
  },
): Promise<string | null> {
  const episode = await trx
    .selectFrom('episodes')
    .select(['id', 'program'])
    .where('org_id', '=', actor.orgId)
    .where('patient_id', '=', args.patientId)
    .where('clinic_id', '=', args.clinicId)
    .where('referred_at', '<=', args.occurredAt)
    .where((eb) => eb.or([eb('discharged_at', 'is', null), eb('discharged_at', '>=', args.occurredAt)]))
    .orderBy('referred_at', 'desc')
    .executeTakeFirst();
  if (!episode) return null;
  const role = contactStaffRole(args.clinician.roles);
  const year = Number(monthOf(args.occurredAt, args.timeZone).slice(0, 4));
  const { pack } = packForPatient(args.packs, args.payer, year);
  if (loggingRefusal(role, episode.program as Program, pack) !== null) return null;
  const contact = await insertContactEntry(
    trx,
    actor,
    { id: episode.id },
    {
      occurredAt: args.occurredAt,
      minutes: args.input.minutes,
      staffId: args.clinician.id,
      activity: SERVICE_ACTIVITY[args.input.kind],
      modality: 'in_person',
      billedSeparately: args.billedSeparately,
      duringInpatientStay: false,
      staffRole: role,
    },
    { now: args.now },
  );
  return contact.id;
}
