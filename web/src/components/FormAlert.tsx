// The form-level error: the API's message plus any issue that no input on the form claims.
import { Alert, List } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { Issue } from '@server/errors';
import { errorMessage } from '../lib/issues';

export function FormAlert({
  error,
  issues = [],
  title = 'This could not be saved',
  labelFor,
}: {
  error: unknown;
  /** Issues not shown next to an input. */
  issues?: Issue[];
  title?: string;
  /** Human label for a field path, when the form knows one. */
  labelFor?: (field: string) => string;
}) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />} role="alert">
      {errorMessage(error)}
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((issue) => (
            <List.Item key={`${issue.field}:${issue.reason}`}>
              <strong>{labelFor ? labelFor(issue.field) : issue.field || 'request'}</strong>: {issue.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
