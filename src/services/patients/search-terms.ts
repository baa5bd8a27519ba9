// Reads a patient search box: name words in any order (with or without a comma), birth dates, MRNs.
import { isValid, parse } from 'date-fns';

export interface SearchTerms {
  /** Words each of which must appear in the patient's given name, family name or MRN. */
  words: string[];
  /** Birth dates typed as YYYY-MM-DD or MM/DD/YYYY, as YYYY-MM-DD. */
  birthDates: string[];
}

const DATE_FORMATS: [RegExp, string][] = [
  [/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd'],
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, 'M/d/yyyy'],
];

function asBirthDate(token: string): string | null {
  for (const [shape, format] of DATE_FORMATS) {
    if (!shape.test(token)) continue;
    const date = parse(token, format, new Date(2000, 0, 1));
    if (!isValid(date)) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  return null;
}

/** "Abbott, Nora", "Nora Abbott", "nor abb 03/14/1961" all read as words (and dates) in any order. */
export function parseSearchTerms(q: string): SearchTerms {
  const terms: SearchTerms = { words: [], birthDates: [] };
  for (const token of q.split(/[\s,;]+/).filter(Boolean)) {
    const date = asBirthDate(token);
    if (date) terms.birthDates.push(date);
    else terms.words.push(token);
  }
  return terms;
}
