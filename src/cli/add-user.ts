// `careloop user add`: the same validation and audit as POST /api/users.
import { text } from 'node:stream/consumers';
import { createUser, createUserInput } from '../services/users/create-user.js';
import { AppError, zodIssues } from '../errors.js';
import { cliActor, withDatabase } from './database.js';

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export async function addUserCommand(options: {
  email: string;
  name: string;
  roles: string;
  clinic: string;
  org?: string;
  npi?: string;
  credential?: string;
}): Promise<void> {
  // Never a command-line argument: it would be visible in the process list and shell history.
  const password = process.env.CARELOOP_NEW_PASSWORD ?? (await text(process.stdin)).trim();
  const parsed = createUserInput.safeParse({
    email: options.email,
    name: options.name,
    password,
    roles: list(options.roles),
    clinicIds: list(options.clinic),
    npi: options.npi,
    credential: options.credential,
  });
  if (!parsed.success) throw AppError.validation(zodIssues(parsed.error), 'The user is not valid.');
  await withDatabase(async (db) => {
    const user = await createUser({ db, actor: await cliActor(db, options.org), input: parsed.data });
    process.stdout.write(`Added ${user.email} (${user.roles.join(', ')}) as ${user.id}.\n`);
  });
}
