// The psychotropic steps a consultant suggests in turn: start a first-line drug, raise the dose, augment.
import type { MeasureCode } from './episode-plan.js';
import type { Random } from './random.js';

interface Drug {
  name: string;
  doses: readonly string[];
}

const FIRST_LINE: Readonly<Record<MeasureCode, readonly Drug[]>> = {
  'phq-9': [
    { name: 'Sertraline', doses: ['50 mg daily', '100 mg daily', '150 mg daily'] },
    { name: 'Escitalopram', doses: ['10 mg daily', '20 mg daily'] },
    { name: 'Fluoxetine', doses: ['20 mg daily', '40 mg daily'] },
  ],
  'gad-7': [
    { name: 'Escitalopram', doses: ['10 mg daily', '20 mg daily'] },
    { name: 'Sertraline', doses: ['50 mg daily', '100 mg daily'] },
  ],
};
const AUGMENT: Readonly<Record<MeasureCode, Drug>> = {
  'phq-9': { name: 'Bupropion XL', doses: ['150 mg daily'] },
  'gad-7': { name: 'Buspirone', doses: ['10 mg twice daily'] },
};

/** One medication row, with days counted back from the demo's today. */
export interface MedicationDraft {
  name: string;
  dose: string;
  startAgo: number;
  stopAgo: number | null;
  note: string;
}

export interface MedicationStep {
  text: string;
  /** Records the change on the day the PCP makes it. */
  apply(ago: number): void;
}

export class Regimen {
  readonly rows: MedicationDraft[] = [];
  private current: { drug: Drug; step: number; row: MedicationDraft } | null = null;
  private augmented = false;

  constructor(
    private readonly random: Random,
    private readonly measure: MeasureCode,
  ) {}

  get started(): boolean {
    return this.current !== null;
  }

  /**
   * The next step a consultant would recommend, or null when start, titration and augmentation are used up.
   */
  nextStep(): MedicationStep | null {
    const current = this.current;
    if (!current) {
      const drug = this.random.pick(FIRST_LINE[this.measure]);
      const dose = drug.doses[0]!;
      return {
        text: `Start ${drug.name.toLowerCase()} ${dose}; review side effects and adherence at the next contact.`,
        apply: (ago) => {
          const row = this.add(drug.name, dose, ago, 'Started after psychiatric case review');
          this.current = { drug, step: 0, row };
        },
      };
    }
    const dose = current.drug.doses[current.step + 1];
    if (dose) {
      return {
        text: `Increase ${current.drug.name.toLowerCase()} to ${dose}; tolerating the current dose without problems.`,
        apply: (ago) => {
          current.row.stopAgo = ago;
          const row = this.add(current.drug.name, dose, ago, 'Dose increased after psychiatric case review');
          this.current = { drug: current.drug, step: current.step + 1, row };
        },
      };
    }
    if (this.augmented) return null;
    const augment = AUGMENT[this.measure];
    return {
      text: `Augment with ${augment.name.toLowerCase()} ${augment.doses[0]!}; partial response at the maximum dose.`,
      apply: (ago) => {
        this.add(augment.name, augment.doses[0]!, ago, 'Augmentation after psychiatric case review');
        this.augmented = true;
      },
    };
  }

  private add(name: string, dose: string, startAgo: number, note: string): MedicationDraft {
    const row = { name, dose, startAgo, stopAgo: null, note };
    this.rows.push(row);
    return row;
  }
}
