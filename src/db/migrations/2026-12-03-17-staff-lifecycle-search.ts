// Staff lifecycle and patient search: one-time password reset codes, and an indexed, accent- and
// case-folded search text on patients (pg_trgm, which PostgreSQL's contrib and PGlite both ship).
import { sql, type Kysely } from 'kysely';

/**
 * Pairs for translate(): every Latin letter with a diacritic (U+00C0–U+024F, upper and lower case) to
 * its plain lower-case letter, plus the few with no Unicode decomposition. Uppercase is mapped too
 * because lower() leaves non-ASCII letters alone under the C locale. Computed once here and frozen
 * into the function with this migration.
 */
function foldPairs(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let cp = 0xc0; cp <= 0x24f; cp++) {
    const ch = String.fromCodePoint(cp);
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (base !== ch && /^[a-z]$/.test(base)) {
      from += ch;
      to += base;
    }
  }
  for (const [ch, base] of [
    ['ø', 'o'],
    ['Ø', 'o'],
    ['đ', 'd'],
    ['Đ', 'd'],
    ['ł', 'l'],
    ['Ł', 'l'],
    ['ı', 'i'],
  ] as const) {
    from += ch;
    to += base;
  }
  return { from, to };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { from, to } = foldPairs();
  // Apostrophes and periods are dropped (extra characters in `from` with no partner in `to`), so
  // "O'Brien" and "obrien" fold alike.
  const dropped = `'’.`;
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql
    .raw(
      `CREATE FUNCTION careloop_fold(value text) RETURNS text
         LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         RETURN translate(lower(value), '${from}${dropped.replace(/'/g, "''")}', '${to}')`,
    )
    .execute(db);
  await sql`
    ALTER TABLE patients ADD COLUMN search_text text
      GENERATED ALWAYS AS (careloop_fold(given_name || ' ' || family_name || ' ' || mrn)) STORED;
    CREATE INDEX patients_search_trgm_idx ON patients USING gin (search_text gin_trgm_ops);
    CREATE INDEX patients_birth_date_idx ON patients (org_id, birth_date);

    -- An admin-issued code to set a new password: only its hash is kept; used once, then void.
    CREATE TABLE password_reset_codes (
      org_id uuid NOT NULL,
      user_id uuid NOT NULL,
      code_hash text NOT NULL,
      issued_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      failed_attempts integer NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, user_id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, issued_by) REFERENCES users(org_id, id)
    );
  `.execute(db);
}
