// Where sign-in sends people, and how it remembers where they were going.
export type EndedReason = 'expired' | 'signed-out' | null;

export function signInPath({ next, ended }: { next?: string; ended?: EndedReason }): string {
  const params = new URLSearchParams();
  if (next && safeNext(next) !== '/') params.set('next', next);
  if (ended === 'expired') params.set('reason', 'expired');
  if (ended === 'signed-out') params.set('reason', 'signed-out');
  const text = params.toString();
  return text ? `/sign-in?${text}` : '/sign-in';
}

/** Only same-app paths: never another origin (`//host`) and never back to sign-in. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}
