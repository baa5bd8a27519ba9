// Mantine's PasswordInput leaves its inner input without aria-invalid/aria-describedby; this adds them.
import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useId } from 'react';

export function PasswordField(props: PasswordInputProps) {
  const generated = useId();
  const id = props.id ?? `password-${generated.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const describedBy = [props.error ? `${id}-error` : null, props.description ? `${id}-description` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <PasswordInput
      {...props}
      id={id}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={describedBy || undefined}
    />
  );
}
