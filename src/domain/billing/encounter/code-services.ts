// Codes one patient's documented behavioral health services of one day, with the same-day edits and reasons per line.
import { CREDENTIAL_LABEL } from '../labels.js';
import type { ClinicDay } from '../../calendar/index.js';
import type { Credential, Payer } from '../vocabulary.js';
import type { Band, EncounterRules, UnitLadder } from './rules-schema.js';
import {
  GROUP_KINDS,
  HBAI_KINDS,
  isPsychiatricCode,
  SERVICE_KIND_LABEL,
  type EncounterCode,
  type ServiceKind,
} from './vocabulary.js';

export interface DocumentedService {
  id: string;
  /** clinic-zone date the service was delivered */
  date: ClinicDay;
  clinicianId: string;
  /** the rendering clinician's licence; null when not recorded (then nothing with a credential rule bills) */
  credential: Credential | null;
  kind: ServiceKind;
  /** face-to-face minutes; for an E/M the practitioner's total time on the date (other-codes.md §3) */
  minutes: number;
  /** primary ICD-10-CM code, normalized (F32.1) */
  primaryDiagnosis: string;
  interactiveComplexity: boolean;
  /** patients in the group, for group kinds */
  groupSize: number | null;
}

export interface EncounterLine {
  serviceId: string;
  code: EncounterCode;
  units: number;
  /** the service's minutes this line rests on */
  minutes: number;
  reasons: string[];
  /** set by a payer's one-visit-per-day rule in `flag` mode: a person decides before it goes out */
  review: boolean;
}

export interface EncounterSkip {
  serviceId: string;
  reason: string;
}

export interface CodedDay {
  lines: EncounterLine[];
  skips: EncounterSkip[];
}

export interface CodingContext {
  payer: Payer;
  packId: string;
}

interface ServiceCoding {
  lines: EncounterLine[];
  skip: string | null;
}

const line = (
  service: DocumentedService,
  code: EncounterCode,
  units: number,
  reason: string,
): EncounterLine => ({
  serviceId: service.id,
  code,
  units,
  minutes: service.minutes,
  reasons: [reason],
  review: false,
});

/** The highest band the minutes reach, or null under the first. */
function bandFor(bands: readonly Band[], minutes: number): { band: Band; next: Band | undefined } | null {
  let found: { band: Band; next: Band | undefined } | null = null;
  bands.forEach((band, i) => {
    if (minutes >= band.fromMinutes) found = { band, next: bands[i + 1] };
  });
  return found;
}

const bandText = (band: Band, next: Band | undefined) =>
  next ? `${band.fromMinutes}–${next.fromMinutes - 1}` : `${band.fromMinutes} or more`;

/** Units of the add-on reached at `minutes` (other-codes.md §2: one per further 15 min past 30). */
export function addOnUnits(ladder: UnitLadder, minutes: number): number {
  const { fromMinutes, unitMinutes } = ladder.addOn;
  return minutes < fromMinutes ? 0 : 1 + Math.floor((minutes - fromMinutes) / unitMinutes);
}

function ladderLines(service: DocumentedService, ladder: UnitLadder): ServiceCoding {
  const what = SERVICE_KIND_LABEL[service.kind];
  if (service.minutes < ladder.base.fromMinutes) {
    return {
      lines: [],
      skip: `${what}: ${service.minutes} minutes is below the ${ladder.base.fromMinutes} minutes ${ladder.base.code} needs (other-codes.md §2)`,
    };
  }
  const lines = [
    line(
      service,
      ladder.base.code,
      1,
      `${ladder.base.code}: ${what}, first 30 minutes, billable from ${ladder.base.fromMinutes} (other-codes.md §2)`,
    ),
  ];
  const units = addOnUnits(ladder, service.minutes);
  if (units > 0) {
    lines.push(
      line(
        service,
        ladder.addOn.code,
        units,
        `+${ladder.addOn.code} × ${units}: ${service.minutes} minutes, one unit per further ${ladder.addOn.unitMinutes} from ${ladder.addOn.fromMinutes} (other-codes.md §2)`,
      ),
    );
  }
  return { lines, skip: null };
}

function bandLine(
  service: DocumentedService,
  bands: readonly Band[],
  what: string,
  source: string,
): ServiceCoding {
  const hit = bandFor(bands, service.minutes);
  if (!hit) {
    return {
      lines: [],
      skip: `${what}: ${service.minutes} minutes is below the ${bands[0]!.fromMinutes} minutes ${bands[0]!.code} needs (${source})`,
    };
  }
  const { band, next } = hit;
  return {
    lines: [
      line(
        service,
        band.code,
        1,
        `${band.code}: ${service.minutes} minutes of ${what} is in the ${bandText(band, next)} band (${source})`,
      ),
    ],
    skip: null,
  };
}

const isMentalHealth = (icd10: string) => icd10.startsWith('F');

/** The service's own lines before same-day edits; `withEm` when the same clinician billed an E/M that day. */
function codeService(service: DocumentedService, rules: EncounterRules, withEm: boolean): ServiceCoding {
  const what = SERVICE_KIND_LABEL[service.kind];
  const dx = service.primaryDiagnosis;
  if (HBAI_KINDS.includes(service.kind) && isMentalHealth(dx)) {
    return {
      lines: [],
      skip: `${what}: HBAI is for a physical health primary diagnosis, and ${dx} is a mental health diagnosis; document psychotherapy instead (other-codes.md §2)`,
    };
  }
  const treatsDisorder = [
    'psychotherapy',
    'family_with_patient',
    'family_without_patient',
    'group_psychotherapy',
  ];
  if (treatsDisorder.includes(service.kind) && !isMentalHealth(dx)) {
    return {
      lines: [],
      skip: `${what}: psychotherapy treats a mental health (F) diagnosis, and ${dx} is not one; for a physical health problem document health behavior intervention (other-codes.md §2)`,
    };
  }
  if (GROUP_KINDS.includes(service.kind) && (service.groupSize ?? 0) < 2) {
    return { lines: [], skip: `${what}: a group needs at least 2 patients (other-codes.md §1, §2)` };
  }
  const { psychotherapy, family, diagnosticEvaluation, hbai } = rules;
  switch (service.kind) {
    case 'diagnostic_evaluation':
    case 'diagnostic_evaluation_medical': {
      const code =
        service.kind === 'diagnostic_evaluation'
          ? diagnosticEvaluation.withoutMedical
          : diagnosticEvaluation.withMedical;
      return {
        lines: [line(service, code, 1, `${code}: ${what}, not timed (other-codes.md §1)`)],
        skip: null,
      };
    }
    case 'psychotherapy':
      return withEm
        ? bandLine(
            service,
            psychotherapy.withEm,
            'psychotherapy with an E/M by the same practitioner the same day',
            'other-codes.md §1',
          )
        : bandLine(service, psychotherapy.alone, 'psychotherapy', 'other-codes.md §1');
    case 'family_with_patient':
    case 'family_without_patient': {
      const code = service.kind === 'family_with_patient' ? family.withPatient : family.withoutPatient;
      return bandLine(service, [{ code, fromMinutes: family.fromMinutes }], what, 'other-codes.md §1');
    }
    case 'group_psychotherapy':
      return {
        lines: [
          line(
            service,
            rules.groupPsychotherapy,
            1,
            `${rules.groupPsychotherapy}: ${what}, per session, ${service.groupSize} patients (other-codes.md §1)`,
          ),
        ],
        skip: null,
      };
    case 'hbai_assessment':
      return {
        lines: [
          line(service, hbai.assessment, 1, `${hbai.assessment}: ${what}, not timed (other-codes.md §2)`),
        ],
        skip: null,
      };
    case 'hbai_individual':
      return ladderLines(service, hbai.individual);
    case 'hbai_group':
      return ladderLines(service, hbai.group);
    case 'hbai_family_with_patient':
      return ladderLines(service, hbai.familyWithPatient);
    case 'hbai_family_without_patient':
      return ladderLines(service, hbai.familyWithoutPatient);
    case 'em_visit':
      return bandLine(service, rules.em, 'total practitioner time for an office visit', 'other-codes.md §3');
  }
}

/** Null when the credential may bill the code under these rules, else the reason. */
export function credentialRefusal(
  code: EncounterCode,
  credential: Credential | null,
  rules: EncounterRules,
  context: CodingContext,
): string | null {
  const applicable = rules.credentials.filter((rule) => rule.codes.includes(code));
  if (applicable.length === 0) return null;
  if (credential && applicable.some((rule) => rule.credentials.includes(credential))) return null;
  const who = credential ? `a ${CREDENTIAL_LABEL[credential]}` : 'a clinician with no recorded credential';
  const sources = [...new Set(applicable.map((rule) => `${rule.source} [${rule.tag}]`))].join('; ');
  return `${code} may not be billed by ${who} for ${context.payer} under rule pack ${context.packId} (${sources})`;
}

/** Adds +90785 where the service asked for it and one of its lines is an allowed primary. */
function withInteractiveComplexity(
  service: DocumentedService,
  coding: ServiceCoding,
  rules: EncounterRules,
): { coding: ServiceCoding; refusal: string | null } {
  if (!service.interactiveComplexity || coding.lines.length === 0) return { coding, refusal: null };
  const { code, withPrimaries } = rules.interactiveComplexity;
  const primary = coding.lines.find((l) => withPrimaries.includes(l.code));
  if (!primary) {
    return {
      coding,
      refusal: `+${code} not billed: interactive complexity goes only with ${withPrimaries.join(', ')}, not ${coding.lines.map((l) => l.code).join(', ')} (other-codes.md §1)`,
    };
  }
  const add = line(
    service,
    code,
    1,
    `+${code}: interactive complexity with ${primary.code} (other-codes.md §1)`,
  );
  return { coding: { ...coding, lines: [...coding.lines, add] }, refusal: null };
}

type VisitClass = 'medical' | 'behavioral';

/**
 * Codes one patient's services of one clinic day. Order of the edits: E/M first (a psychotherapy
 * add-on needs one), then each service, credentials, interactive complexity, HBAI against
 * psychiatric codes, and last the payer's one-visit-per-day rule.
 */
export function codeServiceDay(
  services: readonly DocumentedService[],
  rules: EncounterRules,
  context: CodingContext,
): CodedDay {
  const skips: EncounterSkip[] = [];
  const coded = new Map<string, EncounterLine[]>();
  const classOf = new Map<string, VisitClass>();
  const billedEm = new Set<string>();

  const accept = (service: DocumentedService, coding: ServiceCoding) => {
    if (coding.skip) skips.push({ serviceId: service.id, reason: coding.skip });
    const complex = withInteractiveComplexity(service, coding, rules);
    if (complex.refusal) skips.push({ serviceId: service.id, reason: complex.refusal });
    const lines: EncounterLine[] = [];
    for (const l of complex.coding.lines) {
      const refusal = credentialRefusal(l.code, service.credential, rules, context);
      if (!refusal) {
        lines.push(l);
        continue;
      }
      skips.push({ serviceId: service.id, reason: refusal });
      // A refused primary code takes the whole service with it; a refused add-on only itself.
      if (l.code !== rules.interactiveComplexity.code) return false;
    }
    if (lines.length > 0) coded.set(service.id, lines);
    return lines.length > 0;
  };

  for (const service of services.filter((s) => s.kind === 'em_visit')) {
    if (accept(service, codeService(service, rules, false))) {
      billedEm.add(service.clinicianId);
      classOf.set(service.id, 'medical');
    }
  }
  for (const service of services.filter((s) => s.kind !== 'em_visit')) {
    const withEm = service.kind === 'psychotherapy' && billedEm.has(service.clinicianId);
    // other-codes.md §1: the add-on rides on the E/M, so the pair is one medical visit
    if (accept(service, codeService(service, rules, withEm)))
      classOf.set(service.id, withEm ? 'medical' : 'behavioral');
  }

  const byId = new Map(services.map((s) => [s.id, s]));
  const drop = (ids: readonly string[], reason: (s: DocumentedService) => string) => {
    for (const id of ids) {
      coded.delete(id);
      classOf.delete(id);
      skips.push({ serviceId: id, reason: reason(byId.get(id)!) });
    }
  };

  if (rules.sameDay.hbaiWithPsychiatric === 'predominant') {
    const ids = [...coded.keys()];
    const hbai = ids.filter((id) => HBAI_KINDS.includes(byId.get(id)!.kind));
    const psychiatric = ids.filter((id) => coded.get(id)!.some((l) => isPsychiatricCode(l.code)));
    if (hbai.length > 0 && psychiatric.length > 0) {
      const minutes = (group: string[]) => group.reduce((sum, id) => sum + byId.get(id)!.minutes, 0);
      // A tie keeps the psychiatric service: the mental health diagnosis is then at least as present [U: our reading]
      const keepHbai = minutes(hbai) > minutes(psychiatric);
      const [loser, kept] = keepHbai ? [psychiatric, 'HBAI'] : [hbai, 'psychiatric'];
      drop(
        loser,
        (s) =>
          `${SERVICE_KIND_LABEL[s.kind]} not billed: HBAI and psychiatric codes 90785–90899 are not reported on the same day; the predominant (${kept}, ${Math.max(minutes(hbai), minutes(psychiatric))} minutes) is billed (other-codes.md §2)`,
      );
    }
  }

  const oneVisit = rules.sameDay.oneVisitPerDay;
  if (oneVisit) {
    const ids = [...coded.keys()];
    const of = (c: VisitClass) => ids.filter((id) => classOf.get(id) === c);
    if (of('medical').length > 0 && of('behavioral').length > 0) {
      const rule = `${context.payer} pays one medical or behavioral health visit per day (rule pack ${context.packId})`;
      if (oneVisit.mode === 'order') {
        const [first, second] = oneVisit.order;
        drop(
          of(second),
          (s) => `${SERVICE_KIND_LABEL[s.kind]} not billed: ${rule}, and the ${first} visit comes first`,
        );
      } else {
        for (const id of ids) {
          for (const l of coded.get(id)!) {
            l.review = true;
            l.reasons.push(`review: ${rule}; decide which visit to bill`);
          }
        }
      }
    }
  }

  return { lines: services.flatMap((s) => coded.get(s.id) ?? []), skips };
}
