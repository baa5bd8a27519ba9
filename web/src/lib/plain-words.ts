// Clinicians read reasons in plain words: references to the domain reference, rule ids and codes are for billing and admins.
import { DISPOSITION_LABELS, dispositionLabel } from './format';

const DOC_REFERENCE = /\s*\(?\b[a-z-]+\.md(?:\s*§[\d.]+)(?:,\s*§[\d.]+)*(?:,[^)]*)?\)?/g;
const TRIAGE_SUMMARY = /^Disposition (\w+) from rule \S+?(?:; it outranks (.+))?$/;
const CODES = new RegExp(
  `\\b(${Object.keys(DISPOSITION_LABELS)
    .filter((d) => d.includes('_'))
    .join('|')})\\b`,
  'g',
);

/** A server reason without document references, rule ids or internal codes. */
export function plainReason(reason: string): string {
  const summary = TRIAGE_SUMMARY.exec(reason);
  if (summary) {
    const outranks = summary[2]
      ? `, ahead of ${summary[2]
          .split(', ')
          .map((d) => dispositionLabel(d).toLowerCase())
          .join(', ')}`
      : '';
    return `Next step: ${dispositionLabel(summary[1] ?? '').toLowerCase()}${outranks}`;
  }
  return reason
    .replace(DOC_REFERENCE, '')
    .replace(CODES, (code) => dispositionLabel(code).toLowerCase())
    .trim();
}
