// Structured logs; anything that could carry patient data is redacted before it is written.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'answers',
        '*.answers',
        'givenName',
        'familyName',
        '*.givenName',
        '*.familyName',
        'authorization',
        'cookie',
      ],
      censor: '[redacted]',
    },
  });
}
