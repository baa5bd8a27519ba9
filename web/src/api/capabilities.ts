// What this server offers and to whom, read from its OpenAPI document (paths and each operation's x-roles).
import type { OpenApiDoc } from './client';
import type { Role } from '@server/services/actor';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** An API operation as the OpenAPI document names it, e.g. `GET /api/patients/{id}/screenings`. */
export type Operation = `${Method} /api/${string}`;

export interface Capabilities {
  /** The server publishes this operation (features announced but not built yet are absent). */
  has(operation: Operation): boolean;
  /** The operation exists and one of `roles` may call it. */
  allows(operation: Operation, roles: readonly Role[]): boolean;
  /** The parameter enum the server documents (e.g. the audit actions), if any. */
  parameterEnum(operation: Operation, name: string): string[] | null;
}

interface OperationInfo {
  roles: 'public' | 'any' | Role[];
  parameters: unknown[];
}

export function capabilitiesFrom(doc: OpenApiDoc): Capabilities {
  const operations = new Map<string, OperationInfo>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      operations.set(`${method.toUpperCase()} ${path}`, {
        roles: op['x-roles'] ?? 'any',
        parameters: Array.isArray(op.parameters) ? op.parameters : [],
      });
    }
  }
  return {
    has: (operation) => operations.has(operation),
    allows: (operation, roles) => {
      const info = operations.get(operation);
      if (!info) return false;
      if (info.roles === 'public' || info.roles === 'any') return true;
      const allowed = info.roles;
      return roles.some((r) => allowed.includes(r));
    },
    parameterEnum: (operation, name) => {
      const info = operations.get(operation);
      const param = info?.parameters.find(
        (p): p is { name: string; schema?: { enum?: unknown } } =>
          typeof p === 'object' && p !== null && (p as { name?: unknown }).name === name,
      );
      const values = param?.schema?.enum;
      return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : null;
    },
  };
}
