// Password hashing with argon2id (the library's default algorithm, OWASP-recommended parameters).
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Why a new password is refused (empty when it is acceptable). Every path that sets a password (new
 * user, change, reset) asks this one function, so the password policy lives here alone.
 */
export function validateNewPassword(password: string): string[] {
  const reasons: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH)
    reasons.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024) reasons.push('must be at most 1024 characters');
  return reasons;
}

/** A new password at the edge: each reason of validateNewPassword becomes an issue at the field. */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  for (const reason of validateNewPassword(password)) ctx.addIssue({ code: 'custom', message: reason });
});

export const hashPassword = (password: string): Promise<string> => hash(password);

// Verifying against a throwaway hash keeps unknown emails as slow as wrong passwords.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    decoyHash ??= hash('careloop-decoy-password');
    await verify(await decoyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
