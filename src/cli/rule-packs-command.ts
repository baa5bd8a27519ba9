// `careloop rule-packs import <file>`: loads a whole rule pack or a payer override from JSON, as POST /api/billing/rule-packs does.
import { readFile } from 'node:fs/promises';
import { AppError, zodIssues } from '../errors.js';
import { rulePackInput, saveRulePack, type RulePackInput } from '../services/billing/rule-packs.js';
import { cliActor, withDatabase } from './database.js';

/** Reads and validates the file; the error names the field inside the pack, like the HTTP route's. */
export async function readRulePackFile(file: string): Promise<RulePackInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw AppError.validation([
      { field: 'file', reason: `cannot read ${file}: ${(error as Error).message}` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw AppError.validation([{ field: 'file', reason: `not JSON: ${(error as Error).message}` }]);
  }
  const parsed = rulePackInput.safeParse(json);
  if (!parsed.success)
    throw AppError.validation(zodIssues(parsed.error), `${file} is not a valid rule pack.`);
  return parsed.data;
}

/** Loads the file into the organization as its first admin; all or nothing. */
export async function importRulePackCommand(file: string, options: { org?: string }): Promise<void> {
  // Checked before the database is opened, so a bad file needs no lock and changes nothing.
  const input = await readRulePackFile(file);
  const pack = await withDatabase(async (db) =>
    saveRulePack({ db, actor: await cliActor(db, options.org), input }),
  );
  process.stdout.write(`Loaded rule pack ${pack.id} (${pack.year}, ${pack.payer}).\n`);
}
