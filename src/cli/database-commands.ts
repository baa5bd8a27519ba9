// `careloop migrate` and `careloop demo`.
import { DEMO_SIGN_IN, seedDemo } from '../sim/demo.js';
import { withDatabase } from './database.js';

export async function migrateCommand(): Promise<void> {
  await withDatabase(async () => {
    process.stdout.write('The database is at the latest migration.\n');
  });
}

export async function demoCommand(options: { seed: number; patients: number }): Promise<void> {
  await withDatabase(async (db) => {
    const existing = await db
      .selectFrom('organizations')
      .select('id')
      .where('is_demo', '=', true)
      .executeTakeFirst();
    if (existing) {
      process.stdout.write(`The demo organization already exists (${existing.id}).\n`);
      return;
    }
    const result = await seedDemo(db, { seed: options.seed, patientsPerClinic: options.patients });
    process.stdout.write(
      `Seeded the DEMO organization: ${result.patientCount} fake patients, ${result.screeningCount} screenings.\n` +
        `Sign in as ${DEMO_SIGN_IN.email} / ${DEMO_SIGN_IN.password}\n`,
    );
  });
}
