// Password hashing with argon2id (the library's default algorithm, OWASP-recommended parameters).
import { hash, verify } from '@node-rs/argon2';

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
