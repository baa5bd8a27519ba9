#!/usr/bin/env node
// `careloop <command>`: the command-line edge over the same use cases as the HTTP API.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { OWNER_ONLY_UMASK } from '../db/private-files.js';
import { AppError } from '../errors.js';
import { startServer } from '../server.js';
import { importPatientsCommand } from './import-patients.js';
import { addUserCommand } from './add-user.js';
import { demoCommand, migrateCommand } from './database-commands.js';
import { importCommand, verifyCommand } from './bulk-commands.js';
import { importRulePackCommand } from './rule-packs-command.js';
import { simCommand } from './sim-command.js';

// Every file Careloop writes (the embedded database above all) holds patient data: owner-only.
process.umask(OWNER_ONLY_UMASK);

const program = new Command()
  .name('careloop')
  .description('Careloop: behavioral health integration for primary care')
  .showHelpAfterError();

program
  .command('serve')
  .description('migrate the database, seed it on first start, and serve the API and web app')
  .action(async () => {
    const server = await startServer(loadConfig());
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.command('migrate').description('apply pending database migrations').action(migrateCommand);

program
  .command('demo')
  .description('seed the demo organization (fake data) into the database')
  .addOption(new Option('--seed <n>', 'random seed').argParser(Number).default(1))
  .addOption(new Option('--patients <n>', 'patients per clinic').argParser(Number).default(150))
  .action(demoCommand);

const count = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
};

program
  .command('sim')
  .description('write a synthetic health system (fake data) through the bulk import path')
  .addOption(new Option('--patients <n>', 'patients in all').argParser(count).default(10_000))
  .addOption(new Option('--clinics <n>', 'clinics').argParser(count).default(5))
  .addOption(new Option('--months <n>', 'months of history').argParser(count).default(12))
  .addOption(new Option('--seed <n>', 'random seed').argParser(Number).default(1))
  .option('--org-name <name>', 'organization name')
  .addOption(new Option('--batch-size <n>', 'rows per transaction').argParser(count).default(5000))
  .action(simCommand);

program
  .command('verify')
  .description('check that the minute rollups match a recount of the contact log (exit 1 when not)')
  .option('--org <id>', 'only this organization')
  .action(verifyCommand);

const user = program.command('user').description('manage staff accounts');
user
  .command('add')
  .description('add a staff member (the password is read from CARELOOP_NEW_PASSWORD or standard input)')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--roles <roles>', 'comma-separated roles, e.g. care_manager,pcp')
  .option('--clinic <ids>', 'comma-separated clinic ids', '')
  .option('--org <id>', 'organization id (default: the only organization)')
  .option('--npi <npi>')
  .option('--credential <credential>')
  .action(addUserCommand);

const importCmd = program.command('import').description('bulk imports');
importCmd
  .command('patients <file>')
  .description(
    'import patients from a CSV file (header: mrn,givenName,familyName,birthDate,sex,pcpId,payer,memberId)',
  )
  .requiredOption('--clinic <id>', 'clinic to import into')
  .option('--org <id>', 'organization id (default: the only organization)')
  .option('--skip-invalid', 'import the valid rows even when some rows are invalid', false)
  .action(importPatientsCommand);
for (const noun of ['contact', 'screening'] as const) {
  importCmd
    .command(`${noun}s <file>`)
    .description(
      noun === 'contact'
        ? 'import contacts (CSV header: episodeId,occurredAt,minutes,staffId,activity,modality,billedSeparately,staffRole,note)'
        : 'import screenings (CSV header: patientId,instrument,answers,administeredAt,administeredBy,exclusions)',
    )
    .requiredOption('--clinic <id>', 'clinic to import into')
    .option('--org <id>', 'organization id (default: the only organization)')
    .addOption(
      new Option('--format <format>', 'file format (default: by extension)').choices(['csv', 'ndjson']),
    )
    .addOption(new Option('--batch-size <n>', 'rows per transaction').argParser(count).default(5000))
    .action(importCommand(noun));
}

program
  .command('rule-packs')
  .description('billing rule packs')
  .command('import <file>')
  .description(
    'load a whole rule pack (a year’s Medicare baseline or a payer’s pack) or a payer override { year, payer, override } from JSON',
  )
  .option('--org <id>', 'organization id (default: the only organization)')
  .action(importRulePackCommand);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirBusyError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof AppError) {
    process.stderr.write(
      `${error.message}\n${error.issues.map((i) => `  ${i.field}: ${i.reason}\n`).join('')}`,
    );
  } else {
    throw error;
  }
  process.exitCode = 1;
}
