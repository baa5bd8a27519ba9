// New passwords follow NIST SP 800-63B §5.1.1.2: long passphrases in, common and patterned passwords out.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { passwordProblem } from '../../../src/services/auth/password-policy.js';
import { createUserInput } from '../../../src/services/users/create-user.js';
import { DEMO_PASSWORD } from '../../../src/sim/demo.js';

describe('password policy', () => {
  it.each([
    ['too short (minimum 12)', 'k7#pQ2!zR9', /at least 12/],
    ['too long (maximum 256)', 'word '.repeat(52).slice(0, 257), /at most 256/],
    ['a breached common password padded to length', 'password1234', /too easy to guess/],
    ['a common password with the usual capital and symbol', 'Password123!', /too easy to guess/],
    ['a keyboard walk', 'qwertyuiop123', /too easy to guess/],
    ['l33t substitutions of a common password', 'P@ssw0rd2024!', /too easy to guess/],
    ['a repeated character', 'aaaaaaaaaaaa', /too easy to guess/],
    ['an alphabet sequence', 'abcdefghijkl', /too easy to guess/],
    ['a repeated word', 'hunter2hunter2', /too easy to guess/],
  ])('refuses %s', (_rule, password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it.each([
    ['a four-word passphrase with spaces', 'my cat likes warm blue socks'],
    ['a three-word passphrase (no composition rules)', 'correct-horse-battery'],
    ['256 characters, the maximum', 'tangerine kayak ' + 'x7'.repeat(120)],
    ['the demo password the README lists', DEMO_PASSWORD],
    ['any Unicode', 'ñandú café über straße'],
  ])('accepts %s', (_rule, password) => {
    expect(password.length).toBeLessThanOrEqual(256);
    expect(passwordProblem(password)).toBeUndefined();
  });

  it('applies to new users (API and CLI share this schema), naming the password field', () => {
    const parsed = createUserInput.safeParse({
      email: 'ana@clinic.org',
      name: 'Ana',
      password: 'Password123!',
      roles: ['admin'],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
  });

  it('applies to the bootstrap admin of the environment', () => {
    expect(() =>
      loadConfig({ CARELOOP_ADMIN_EMAIL: 'a@b.org', CARELOOP_ADMIN_PASSWORD: 'Password123!' }),
    ).toThrow(/CARELOOP_ADMIN_PASSWORD.*too easy to guess/s);
  });
});
