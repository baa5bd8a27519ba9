// Puts API validation issues next to the input their `field` path names; the rest go to a form-level alert.
import { isApiError } from '../api/client';
import type { Issue } from '@server/errors';

export interface FieldErrors {
  /** Reasons for exactly this field path, or for paths below it (`coverage` claims `coverage.payer`). */
  get(field: string): string | undefined;
  /** Reasons for exactly this field path (for a container whose children show their own). */
  exact(field: string): string | undefined;
  /** Issues no listed field claims, for the form-level alert. */
  unclaimed(fields: readonly string[]): Issue[];
  all: Issue[];
}

const covers = (field: string, issueField: string): boolean =>
  issueField === field || issueField.startsWith(`${field}.`);

export function fieldErrors(error: unknown): FieldErrors {
  const all = isApiError(error) ? error.issues : [];
  return {
    all,
    get(field) {
      const reasons = all.filter((i) => covers(field, i.field)).map((i) => i.reason);
      return reasons.length ? [...new Set(reasons)].join('; ') : undefined;
    },
    exact(field) {
      const reasons = all.filter((i) => i.field === field).map((i) => i.reason);
      return reasons.length ? [...new Set(reasons)].join('; ') : undefined;
    },
    unclaimed(fields) {
      return all.filter((i) => !fields.some((f) => covers(f, i.field)));
    },
  };
}

/** Plain-language lead for an API failure, by its code. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'FORBIDDEN':
        return `Not allowed: ${error.message}`;
      case 'NOT_FOUND':
        return 'Not found. It may have been removed, or it belongs to a clinic you cannot see.';
      case 'NETWORK':
        return error.message;
      default:
        return error.message;
    }
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/** A DOM id for the input of a field path, so an error summary can link to it. */
export const fieldId = (form: string, field: string): string =>
  `${form}-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
