// Maps stored screenings to FHIR R4 Observations (US Core screening assessment pattern, docs/domain/fhir.md §4):
// a panel Observation with hasMember links to one Observation per answered item and one for the total.
import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import { INSTRUMENTS, type InstrumentCode } from '../domain/instruments/index.js';

const LOINC = 'http://loinc.org';
const SURVEY = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'survey',
      display: 'Survey',
    },
  ],
};

/** PHQ/GAD answer scale (instruments.md §0): the LOINC answer code of each ordinal. */
const FREQUENCY_ANSWERS = [
  { code: 'LA6568-5', display: 'Not at all' },
  { code: 'LA6569-3', display: 'Several days' },
  { code: 'LA6570-1', display: 'More than half the days' },
  { code: 'LA6571-9', display: 'Nearly every day' },
] as const;
const FREQUENCY_SCALED: readonly InstrumentCode[] = ['phq-9', 'phq-2', 'gad-7', 'gad-2'];
const DIFFICULTY_ITEMS = new Set(['69722-7']);

export interface StoredScreening {
  id: string;
  patientId: string;
  instrument: InstrumentCode;
  answers: (number | null)[];
  total: number | null;
  severity: string | null;
  administeredAt: Date;
}

export function fhirPatient(p: {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
}): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ system: 'urn:careloop:mrn', value: p.mrn }],
    name: [{ family: p.familyName, given: [p.givenName] }],
    gender: p.sex === 'female' || p.sex === 'male' || p.sex === 'other' ? p.sex : 'unknown',
    birthDate: p.birthDate,
  };
}

function code(loinc: string | null, text: string) {
  return loinc ? { coding: [{ system: LOINC, code: loinc }], text } : { text };
}

function itemValue(instrument: InstrumentCode, loinc: string | null, value: number): Partial<Observation> {
  const answer =
    FREQUENCY_SCALED.includes(instrument) && !DIFFICULTY_ITEMS.has(loinc ?? '')
      ? FREQUENCY_ANSWERS[value]
      : undefined;
  return answer
    ? { valueCodeableConcept: { coding: [{ system: LOINC, ...answer }], text: answer.display } }
    : { valueInteger: value };
}

/** The Observations of one screening: panel first, then items, then the total (or the C-SSRS risk level). */
export function screeningObservations(s: StoredScreening): Observation[] {
  const definition = INSTRUMENTS[s.instrument];
  const base = {
    resourceType: 'Observation' as const,
    status: 'final' as const,
    category: [SURVEY],
    subject: { reference: `Patient/${s.patientId}` },
    effectiveDateTime: s.administeredAt.toISOString(),
  };
  const items: Observation[] = s.answers.flatMap((value, index) => {
    const item = definition.items[index];
    if (value === null || !item) return [];
    return [
      {
        ...base,
        id: `${s.id}-item-${index + 1}`,
        code: code(item.loinc, `${definition.name} item ${item.number}`),
        ...itemValue(s.instrument, item.loinc, value),
      },
    ];
  });
  const summary: Observation[] =
    s.total !== null || s.severity !== null
      ? [
          {
            ...base,
            id: `${s.id}-total`,
            code: code(
              totalLoinc(s.instrument),
              s.total !== null ? `${definition.name} total score` : `${definition.name} risk level`,
            ),
            ...(s.total !== null
              ? {
                  valueQuantity: {
                    value: s.total,
                    system: 'http://unitsofmeasure.org',
                    code: '{score}',
                    unit: '{score}',
                  },
                }
              : { valueString: s.severity ?? '' }),
            ...(s.severity && s.total !== null
              ? { interpretation: [{ text: s.severity.replaceAll('_', ' ') }] }
              : {}),
          },
        ]
      : [];
  const panel: Observation = {
    ...base,
    id: `${s.id}-panel`,
    code: code(panelLoinc(s.instrument), definition.name),
    hasMember: [...items, ...summary].map((o) => ({ reference: `Observation/${o.id}` })),
  };
  return [panel, ...items, ...summary];
}

const panelLoinc = (instrument: InstrumentCode) => INSTRUMENT_LOINC[instrument].panel;
const totalLoinc = (instrument: InstrumentCode) => INSTRUMENT_LOINC[instrument].total;

/** Panel and total codes as the instrument library states them. */
const INSTRUMENT_LOINC = Object.fromEntries(
  Object.values(INSTRUMENTS).map((i) => [i.code, i.loinc]),
) as Record<InstrumentCode, { panel: string | null; total: string | null }>;

export function searchBundle<T extends Observation | Patient>(resources: T[]): Bundle<T> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({
      fullUrl: `urn:careloop:${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
