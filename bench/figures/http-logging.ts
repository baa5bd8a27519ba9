// Contact logging over HTTP: concurrent signed-in care managers POST contacts to the real server (own
// process), against the same writes as raw SQL (contact row and rollup in one transaction).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../src/db/connection.js';
import { monthsIn, type ClinicMonth } from '../../src/domain/calendar/index.js';
import { SIM_PASSWORD } from '../../src/sim/scale/scale-org.js';
import { latency, type Latency } from '../stats.js';

export interface HttpFigure {
  requests: number;
  clients: number;
  errors: number;
  perSecond: number;
  latency: Latency;
  raw: { perSecond: number; latency: Latency };
  serverRssMiB: number;
}

interface Writer {
  email: string;
  userId: string;
  credential: string;
  episodes: { id: string; patient_id: string; clinic_id: string; time_zone: string }[];
}

const SERVER = fileURLToPath(new URL('./http-server.ts', import.meta.url));

function startServer(databaseUrl: string) {
  const child = fork(SERVER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
  child.send({ databaseUrl });
  const stop = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve((m as { rssMiB: number }).rssMiB));
      child.send({ stop: true });
    });
  return { port, stop };
}

/** Care managers with enrolled open episodes, busiest first, one writer per client. */
async function writers(db: Db, orgId: string, clients: number): Promise<Writer[]> {
  const { rows } = await sql<{
    email: string;
    user_id: string;
    credential: string;
    id: string;
    patient_id: string;
    clinic_id: string;
    time_zone: string;
  }>`
    select u.email, u.id as user_id, coalesce(u.credential, '') as credential, e.id, e.patient_id,
      e.clinic_id, c.timezone as time_zone
    from users u
    join episodes e on e.org_id = u.org_id and e.care_manager_id = u.id
    join clinics c on c.org_id = e.org_id and c.id = e.clinic_id
    where u.org_id = ${orgId} and 'care_manager' = any(u.roles)
      and e.status in ('active', 'relapse_prevention') and e.enrolled_at < now() - interval '1 day'
  `.execute(db);
  const byUser = new Map<string, Writer>();
  for (const r of rows) {
    const w = byUser.get(r.user_id) ?? {
      email: r.email,
      userId: r.user_id,
      credential: r.credential,
      episodes: [],
    };
    w.episodes.push({ id: r.id, patient_id: r.patient_id, clinic_id: r.clinic_id, time_zone: r.time_zone });
    byUser.set(r.user_id, w);
  }
  const all = [...byUser.values()].sort((a, b) => b.episodes.length - a.episodes.length);
  if (all.length === 0) throw new Error('no care manager with enrolled open episodes');
  return Array.from({ length: clients }, (_, i) => all[i % all.length]!);
}

const contactBody = (staffId: string, n: number) => ({
  // Within the last day: always after enrollment, never in a locked month.
  occurredAt: new Date(Date.now() - (1 + (n % 20)) * 3_600_000).toISOString(),
  minutes: 10 + (n % 50),
  staffId,
  activity: 'follow_up',
  modality: 'phone',
});

/** `total` operations over `clients` concurrent loops; returns per-operation milliseconds and wall time. */
async function drive(clients: number, total: number, op: (client: number, n: number) => Promise<boolean>) {
  let issued = 0;
  let errors = 0;
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (issued < total) {
        const n = issued++;
        const t0 = performance.now();
        if (!(await op(client, n))) errors++;
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, errors, wallMs: performance.now() - started };
}

export async function measureHttpLogging(
  db: Db,
  input: { databaseUrl: string; orgId: string; requests: number; clients: number },
): Promise<HttpFigure> {
  const team = await writers(db, input.orgId, input.clients);
  const server = startServer(input.databaseUrl);
  const base = `http://127.0.0.1:${await server.port}`;
  const tokens: string[] = [];
  for (const w of team) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: w.email, password: SIM_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const post = async (client: number, n: number) => {
    const w = team[client]!;
    const episode = w.episodes[n % w.episodes.length]!;
    const res = await fetch(`${base}/api/episodes/${episode.id}/contacts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[client]}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(contactBody(w.userId, n)),
    });
    await res.arrayBuffer();
    return res.status === 201;
  };
  await drive(input.clients, Math.min(input.requests, input.clients * 5), post);
  const http = await drive(input.clients, input.requests, post);
  const serverRssMiB = await server.stop();

  // The same rows as plain SQL: the contact and its rollup in one transaction per operation.
  const pool = new pg.Pool({ connectionString: input.databaseUrl, max: 10 });
  const zones = new Map<string, (instant: Date) => ClinicMonth>();
  const monthIn = (timeZone: string, at: string) => {
    const months = zones.get(timeZone) ?? monthsIn(timeZone);
    zones.set(timeZone, months);
    return months(new Date(at));
  };
  const insert = async (client: number, n: number) => {
    const w = team[client]!;
    const e = w.episodes[n % w.episodes.length]!;
    const body = contactBody(w.userId, n);
    const c = await pool.connect();
    try {
      // The row logging writes, minus the checks, the count decision and the audit row.
      await c.query('BEGIN');
      await c.query(
        `insert into contacts (org_id, episode_id, clinic_id, patient_id, occurred_at, minutes, staff_id, staff_role,
           activity, modality, billed_separately, counts_toward_program, count_reason, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, 'care_manager', 'follow_up', 'phone', false, true, 'counted', $7)`,
        [input.orgId, e.id, e.clinic_id, e.patient_id, body.occurredAt, body.minutes, w.userId],
      );
      await c.query(
        `insert into episode_month_minutes (org_id, episode_id, month, staff_role, credential, counted_minutes, logged_minutes)
         values ($1, $2, $3, 'care_manager', $5, $4, $4)
         on conflict (org_id, episode_id, month, staff_role, credential) do update
         set counted_minutes = episode_month_minutes.counted_minutes + excluded.counted_minutes,
             logged_minutes = episode_month_minutes.logged_minutes + excluded.logged_minutes`,
        [input.orgId, e.id, monthIn(e.time_zone, body.occurredAt), body.minutes, w.credential],
      );
      await c.query('COMMIT');
      return true;
    } finally {
      c.release();
    }
  };
  const raw = await drive(input.clients, input.requests, insert);
  await pool.end();
  return {
    requests: input.requests,
    clients: input.clients,
    errors: http.errors,
    perSecond: Math.round((input.requests / http.wallMs) * 1000),
    latency: latency(http.samples),
    raw: { perSecond: Math.round((input.requests / raw.wallMs) * 1000), latency: latency(raw.samples) },
    serverRssMiB,
  };
}
