// A new password typed twice; the server's password policy judges it, this only checks the two agree.
import { PasswordField } from './PasswordField';

/** Shown as a hint only: the server's password policy decides, and its reasons appear at the field. */
export const NEW_PASSWORD_HINT = 'At least 12 characters';

export function NewPasswordFields({
  value,
  confirm,
  onChange,
  onConfirm,
  error,
}: {
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirm: (value: string) => void;
  error: string | undefined;
}) {
  const mismatch = confirm !== '' && confirm !== value ? 'does not match the new password' : undefined;
  return (
    <>
      <PasswordField
        label="New password"
        required
        description={NEW_PASSWORD_HINT}
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
      <PasswordField
        label="New password again"
        required
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.currentTarget.value)}
        error={mismatch}
      />
    </>
  );
}
