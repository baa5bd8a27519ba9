// CSV for spreadsheets: RFC 4180 via csv-stringify, with every text cell a spreadsheet would run as a
// formula neutralized (OWASP "CSV injection"). The one writer every CSV export uses.
import { stringify } from 'csv-stringify/sync';

/** Leading characters Excel, LibreOffice and Google Sheets read as the start of a formula. */
export const FORMULA_LEADS = ['=', '+', '-', '@', '\t', '\r'] as const;

/**
 * Text gets a leading apostrophe when it starts like a formula: spreadsheets then show it as text.
 * The rule: only strings are touched. Numbers are cells we computed (units, minutes, scores, amounts such
 * as -12.5), never user text, so they stay numbers; anything a user typed reaches the CSV as a string.
 */
export function neutralizeFormula(text: string): string {
  return (FORMULA_LEADS as readonly string[]).includes(text.charAt(0)) ? `'${text}` : text;
}

export type CsvCell = string | number;

/** The CSV text of a header and rows; `quote` lists characters that force a cell into quotes. */
export function spreadsheetCsv(
  header: readonly string[],
  rows: readonly CsvCell[][],
  quote?: RegExp,
): string {
  return stringify([[...header], ...rows], {
    ...(quote ? { quoted_match: quote } : {}),
    cast: { string: neutralizeFormula },
  });
}
