// What every request handler can reach: the dependencies of the app and the resolved actor.
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import type { Actor } from '../services/actor.js';
import type { LoginThrottle } from '../services/auth/login-throttle.js';

export interface AppDeps {
  db: Db;
  logger: Logger;
  throttle: LoginThrottle;
  sessionHours: number;
  /** Believe X-Forwarded-Proto/-Host (CARELOOP_TRUST_PROXY); off unless a proxy is in front. */
  trustProxy?: boolean;
  /** The clock every use case judges "now" by, read once per request (default: the system clock). */
  now?: () => Date;
  /** Built web app to serve at `/`; absent in API-only tests. */
  webDir?: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor;
    requestId: string;
    /** The client's X-Request-Id when usable (see app.ts); kept apart from the server's id. */
    clientRequestId: string | undefined;
  };
}
