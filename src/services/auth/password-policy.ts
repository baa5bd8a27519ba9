// Which new passwords are accepted (NIST SP 800-63B §5.1.1.2): 12 to 256 characters, any characters, no
// composition rules, and not a common, breached or easily patterned password. The blocklist and pattern
// matching come from zxcvbn-ts (its common-password lists from public breaches, English words and names,
// keyboard walks, repeats, sequences, dates, l33t substitutions), not from a list kept here.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's score 3: at least 10^8 guesses, "safely unguessable" against online and slowed offline attack. */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
const strength = () =>
  (checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }));

/** Why a new password is refused, or undefined when it is accepted. */
export function passwordProblem(password: string, userInputs: string[] = []): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const result = strength().check(password, userInputs);
  if (result.score >= MIN_SCORE) return undefined;
  const why = result.feedback.warning ?? 'it follows a common pattern';
  return `is too easy to guess (${why.replace(/\.$/, '')}); a passphrase of a few unrelated words works well`;
}

/** A password being set: the policy above as a zod schema, for every edge that sets one. */
export const newPassword = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
