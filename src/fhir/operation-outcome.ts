// FHIR routes answer errors as an OperationOutcome (the API's error codes mapped to FHIR issue types).
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { ErrorCode, Issue } from '../errors.js';

const ISSUE_TYPE: Record<
  ErrorCode,
  | 'invalid'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-long'
  | 'not-supported'
  | 'business-rule'
  | 'throttled'
  | 'exception'
> = {
  VALIDATION_FAILED: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  CONFLICT: 'conflict',
  PAYLOAD_TOO_LARGE: 'too-long',
  UNSUPPORTED_MEDIA_TYPE: 'not-supported',
  RULE_VIOLATION: 'business-rule',
  TOO_MANY_REQUESTS: 'throttled',
  INTERNAL: 'exception',
};

export function operationOutcome(code: ErrorCode, message: string, issues: Issue[]): OperationOutcome {
  const type = ISSUE_TYPE[code];
  return {
    resourceType: 'OperationOutcome',
    issue:
      issues.length > 0
        ? issues.map((i) => ({ severity: 'error', code: type, diagnostics: i.reason, expression: [i.field] }))
        : [{ severity: 'error', code: type, diagnostics: message }],
  };
}
