// Reads the environment once into a frozen, validated configuration (every problem listed at once).
import { z } from 'zod';
import { isTimeZone } from './domain/calendar/index.js';
import { passwordProblem } from './services/auth/password-policy.js';

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());

const configSchema = z
  .object({
    PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65535).default(8080)),
    HOST: z.preprocess(emptyAsUnset, z.string().default('127.0.0.1')),
    CARELOOP_DATA_DIR: z.preprocess(emptyAsUnset, z.string().default('./careloop-data')),
    DATABASE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    // Unset: the demo only when no admin is configured, so `npm start` alone still shows a working app.
    CARELOOP_DEMO: z.preprocess(emptyAsUnset, z.enum(['0', '1']).optional()),
    CARELOOP_ADMIN_EMAIL: z.preprocess(emptyAsUnset, z.email().optional()),
    CARELOOP_ADMIN_PASSWORD: optionalString,
    CARELOOP_ORG_NAME: z.preprocess(emptyAsUnset, z.string().default('Careloop')),
    CARELOOP_CLINIC_NAME: z.preprocess(emptyAsUnset, z.string().default('Main clinic')),
    CARELOOP_TIMEZONE: z.preprocess(
      emptyAsUnset,
      z.string().default('America/New_York').refine(isTimeZone, 'must be an IANA time zone'),
    ),
    CARELOOP_SESSION_HOURS: z.preprocess(emptyAsUnset, z.coerce.number().positive().default(12)),
    CARELOOP_TRUST_PROXY: z.preprocess(emptyAsUnset, z.enum(['0', '1']).default('0')),
    NODE_ENV: optionalString,
    LOG_LEVEL: z.preprocess(
      emptyAsUnset,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.CARELOOP_ADMIN_EMAIL && !env.CARELOOP_ADMIN_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['CARELOOP_ADMIN_PASSWORD'],
        message: 'required with CARELOOP_ADMIN_EMAIL',
      });
    }
    const weak = env.CARELOOP_ADMIN_PASSWORD && passwordProblem(env.CARELOOP_ADMIN_PASSWORD);
    if (weak) ctx.addIssue({ code: 'custom', path: ['CARELOOP_ADMIN_PASSWORD'], message: weak });
  });

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Seed the demo organization (fake data, published passwords) on an empty database. */
  demo: boolean;
  production: boolean;
  admin: { email: string; password: string } | undefined;
  orgName: string;
  clinicName: string;
  timeZone: string;
  sessionHours: number;
  /** Behind a TLS-terminating proxy: believe its X-Forwarded-Proto and X-Forwarded-Host. */
  trustProxy: boolean;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.CARELOOP_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    demo: e.CARELOOP_DEMO === '1' || (e.CARELOOP_DEMO === undefined && !e.CARELOOP_ADMIN_EMAIL),
    production: e.NODE_ENV === 'production',
    admin:
      e.CARELOOP_ADMIN_EMAIL && e.CARELOOP_ADMIN_PASSWORD
        ? { email: e.CARELOOP_ADMIN_EMAIL.toLowerCase(), password: e.CARELOOP_ADMIN_PASSWORD }
        : undefined,
    orgName: e.CARELOOP_ORG_NAME,
    clinicName: e.CARELOOP_CLINIC_NAME,
    timeZone: e.CARELOOP_TIMEZONE,
    sessionHours: e.CARELOOP_SESSION_HOURS,
    trustProxy: e.CARELOOP_TRUST_PROXY === '1',
    logLevel: e.LOG_LEVEL,
  });
}
