// Staff lifecycle over HTTP: edit, deactivate and reactivate, reset codes, own password, the last admin.
import { describe, expect, it } from 'vitest';
import { Client, PASSWORD, newTestOrg, type TestOrg } from '../support/api.js';

const NEW_PASSWORD = 'a-new-long-passphrase';

async function auditActions(org: TestOrg, entityId: string): Promise<string[]> {
  const rows = await org.db
    .selectFrom('audit_events')
    .select('action')
    .where('org_id', '=', org.orgId)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

const emailOf = async (client: Client): Promise<string> => (await client.get('/api/auth/me')).body.email;

describe('editing a staff member', () => {
  it('changes roles, clinics, name, credential and NPI; the new roles apply to the open session at once', async () => {
    const org = await newTestOrg();
    const second = await org.addClinic();
    const ma = await org.user(['medical_assistant']);
    expect((await ma.get(`/api/registry?clinicId=${org.clinicId}`)).status).toBe(403);

    const res = await org.admin.patch(`/api/users/${ma.id}`, {
      name: 'Dana Reyes',
      roles: ['care_manager'],
      clinicIds: [org.clinicId, second],
      credential: 'lcsw',
      npi: '1234567893',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Dana Reyes',
      roles: ['care_manager'],
      credential: 'lcsw',
      npi: '1234567893',
      active: true,
    });
    expect([...res.body.clinicIds].sort()).toEqual([org.clinicId, second].sort());
    const me = await ma.get('/api/auth/me');
    expect(me.body.roles).toEqual(['care_manager']);
    expect(me.body.clinicIds).toContain(second);
    expect((await ma.get(`/api/registry?clinicId=${org.clinicId}`)).status).toBe(200);

    const cleared = await org.admin.patch(`/api/users/${ma.id}`, { npi: null, credential: null });
    expect(cleared.body).toMatchObject({ npi: null, credential: null, name: 'Dana Reyes' });

    const audit = await org.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('org_id', '=', org.orgId)
      .where('entity_id', '=', ma.id)
      .where('action', '=', 'user.update')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.details).toMatchObject({
      fields: 'name,roles,clinicIds,npi,credential',
      'role:care_manager': 'granted',
      'role:medical_assistant': 'withdrawn',
    });
    // Ids and codes only: the new name is not in the audit trail.
    expect(JSON.stringify(audit)).not.toContain('Dana');
  });

  it('sets and clears the structured names claims use (billing.md §9a), never splitting the display name', async () => {
    const org = await newTestOrg();
    const pcp = await org.user(['pcp']);
    const named = await org.admin.patch(`/api/users/${pcp.id}`, {
      givenName: 'Alma',
      familyName: 'de la Cruz',
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ givenName: 'Alma', familyName: 'de la Cruz' });
    const stored = await org.db
      .selectFrom('users')
      .select(['given_name', 'family_name'])
      .where('id', '=', pcp.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ given_name: 'Alma', family_name: 'de la Cruz' });
    const cleared = await org.admin.patch(`/api/users/${pcp.id}`, { familyName: null });
    expect(cleared.body).toMatchObject({ givenName: 'Alma', familyName: null });
    const tooLong = await org.admin.patch(`/api/users/${pcp.id}`, { givenName: 'x'.repeat(101) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues[0].field).toBe('givenName');
  });

  it.each([
    ['no field at all', {}, 'body'],
    ['an unknown role', { roles: ['janitor'] }, 'roles.0'],
    ['no role', { roles: [] }, 'roles'],
    ['a blank name', { name: '  ' }, 'name'],
    ['an NPI failing its check digit', { npi: '1234567890' }, 'npi'],
    ['an unknown credential', { credential: 'XYZ' }, 'credential'],
    ['a clinic of no organization', { clinicIds: ['00000000-0000-4000-8000-000000000000'] }, 'clinicIds.0'],
    ['no clinic for a non-admin', { clinicIds: [] }, 'clinicIds'],
  ])('refuses %s with 400 at the field and changes nothing', async (_, body, field) => {
    const org = await newTestOrg();
    const pcp = await org.user(['pcp']);
    const res = await org.admin.patch(`/api/users/${pcp.id}`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    const after = (await org.admin.get('/api/users')).body.users.find((u: { id: string }) => u.id === pcp.id);
    expect(after).toMatchObject({ roles: ['pcp'], clinicIds: [org.clinicId], npi: null });
  });

  it('answers 404 for a user of another organization and 403 for a non-admin', async () => {
    const org = await newTestOrg();
    const other = await newTestOrg();
    const stranger = await other.user(['pcp']);
    expect((await org.admin.patch(`/api/users/${stranger.id}`, { name: 'X' })).status).toBe(404);
    expect((await org.admin.post(`/api/users/${stranger.id}/deactivate`)).status).toBe(404);
    const cm = await org.user(['care_manager']);
    expect((await cm.patch(`/api/users/${cm.id}`, { roles: ['admin'] })).status).toBe(403);
    expect((await cm.post(`/api/users/${cm.id}/password-reset`)).status).toBe(403);
  });
});

describe('deactivating and reactivating', () => {
  it('ends every session and bearer token at once, refuses sign-in, and keeps the name on record', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const email = await emailOf(cm);
    const second = await org.anonymous.post('/api/auth/login', { email, password: PASSWORD });
    const secondClient = new Client(org.app, second.body.token);
    expect((await secondClient.get('/api/auth/me')).status).toBe(200);

    const res = await org.admin.post(`/api/users/${cm.id}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await cm.get('/api/auth/me')).status).toBe(401);
    expect((await secondClient.get('/api/patients')).status).toBe(401);
    const sessions = await org.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('org_id', '=', org.orgId)
      .where('user_id', '=', cm.id)
      .execute();
    expect(sessions).toEqual([]);

    const login = await org.anonymous.post('/api/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(401);

    // Pickers no longer offer them; the full list still names them for past records.
    const active = (await org.admin.get('/api/users')).body.users.map((u: { id: string }) => u.id);
    expect(active).not.toContain(cm.id);
    const all = (await org.admin.get('/api/users?status=all')).body.users;
    expect(all.find((u: { id: string }) => u.id === cm.id)).toMatchObject({ active: false });
    const inactive = (await org.admin.get('/api/users?status=inactive')).body.users;
    expect(inactive.map((u: { id: string }) => u.id)).toEqual([cm.id]);

    const back = await org.admin.post(`/api/users/${cm.id}/reactivate`);
    expect(back.body.active).toBe(true);
    expect((await cm.get('/api/auth/me')).status).toBe(401); // old sessions stay ended
    expect((await org.anonymous.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    expect(await auditActions(org, cm.id)).toEqual(
      expect.arrayContaining(['user.deactivate', 'user.reactivate']),
    );
  });

  it('a deactivated staff member cannot be assigned care', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    await org.admin.post(`/api/users/${cm.id}/deactivate`);
    const staff = await org.admin.get(`/api/users?role=care_manager&clinicId=${org.clinicId}`);
    expect(staff.body.users.map((u: { id: string }) => u.id)).not.toContain(cm.id);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted: 422 with the reason, and the roles stay', async () => {
    const org = await newTestOrg();
    const me = (await org.admin.get('/api/auth/me')).body;
    const res = await org.admin.patch(`/api/users/${me.id}`, { roles: ['pcp'], clinicIds: [org.clinicId] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RULE_VIOLATION');
    expect(res.body.error.issues[0]).toMatchObject({ field: 'roles' });
    expect(res.body.error.message).toMatch(/last active administrator/);
    expect((await org.admin.get('/api/auth/me')).body.roles).toEqual(['admin']);
  });

  it('counts only active admins: once the others are deactivated, the remaining one cannot be demoted', async () => {
    const org = await newTestOrg();
    const me = (await org.admin.get('/api/auth/me')).body;
    const second = await org.user(['admin']);
    expect((await second.post(`/api/users/${me.id}/deactivate`)).status).toBe(200);
    // The deactivated first admin no longer counts: the second is the last one.
    const third = await org.user(['admin']);
    expect((await third.post(`/api/users/${second.id}/deactivate`)).status).toBe(200);
    const fourth = await org.user(['admin']);
    await fourth.patch(`/api/users/${fourth.id}`, { roles: ['admin', 'billing'] });
    expect((await fourth.post(`/api/users/${third.id}/deactivate`)).status).toBe(200);
    const res = await third.post(`/api/users/${fourth.id}/deactivate`);
    expect(res.status).toBe(401); // the deactivated third admin's session is gone
    const demote = await fourth.patch(`/api/users/${fourth.id}`, {
      roles: ['billing'],
      clinicIds: [org.clinicId],
    });
    expect(demote.status).toBe(422);
    expect(demote.body.error.issues[0].field).toBe('roles');
  });

  it('nobody deactivates their own account; a second admin allows demoting the first', async () => {
    const org = await newTestOrg();
    const me = (await org.admin.get('/api/auth/me')).body;
    const self = await org.admin.post(`/api/users/${me.id}/deactivate`);
    expect(self.status).toBe(422);
    expect(self.body.error.issues[0].field).toBe('id');
    const other = await org.user(['admin']);
    const demote = await org.admin.patch(`/api/users/${me.id}`, {
      roles: ['pcp'],
      clinicIds: [org.clinicId],
    });
    expect(demote.status).toBe(200);
    // The other admin is now the last one.
    expect(
      (await other.patch(`/api/users/${other.id}`, { roles: ['pcp'], clinicIds: [org.clinicId] })).status,
    ).toBe(422);
  });

  it('two admins removing each other at the same moment leave one admin', async () => {
    const org = await newTestOrg();
    const me = (await org.admin.get('/api/auth/me')).body;
    const other = await org.user(['admin']);
    const results = await Promise.all([
      org.admin.post(`/api/users/${other.id}/deactivate`),
      other.post(`/api/users/${me.id}/deactivate`),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // One wins; the loser is then either signed out (401) or the last admin (422).
    expect(statuses[0]).toBe(200);
    expect([401, 422]).toContain(statuses[1]);
    const admins = await org.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', org.orgId)
      .where('active', '=', true)
      .execute();
    expect(admins).toHaveLength(1);
  });
});

describe('password reset codes', () => {
  async function issued(org: TestOrg) {
    const pcp = await org.user(['pcp']);
    const email = await emailOf(pcp);
    const res = await org.admin.post(`/api/users/${pcp.id}/password-reset`);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    return { pcp, email, code: res.body.code as string };
  }

  it('retires the old password and sessions, sets the new one once, and audits each step', async () => {
    const org = await newTestOrg();
    const { pcp, email, code } = await issued(org);
    expect((await pcp.get('/api/auth/me')).status).toBe(401);
    expect((await org.anonymous.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    // The code is never stored as given.
    const stored = await org.db
      .selectFrom('password_reset_codes')
      .select('code_hash')
      .where('user_id', '=', pcp.id)
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code.replace(/-/g, ''));

    const reset = await org.anonymous.post('/api/auth/reset-password', {
      email,
      code: code.toLowerCase().replace(/-/g, ' '),
      newPassword: NEW_PASSWORD,
    });
    expect(reset.status).toBe(204);
    expect((await org.anonymous.post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
    const again = await org.anonymous.post('/api/auth/reset-password', {
      email,
      code,
      newPassword: 'yet-another-passphrase',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.issues[0].field).toBe('code');
    expect((await org.anonymous.post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
    expect(await auditActions(org, pcp.id)).toEqual(
      expect.arrayContaining(['user.password_reset_issue', 'auth.password_reset']),
    );
  });

  it.each([
    ['an expired code', 'expire'],
    ['a code voided by five wrong tries', 'guess'],
    ['a code replaced by a newer one', 'reissue'],
    ['a code of a since deactivated account', 'deactivate'],
  ] as const)('refuses %s', async (_, how) => {
    const org = await newTestOrg();
    const { pcp, email, code } = await issued(org);
    if (how === 'expire') {
      await org.db
        .updateTable('password_reset_codes')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', pcp.id)
        .execute();
    } else if (how === 'guess') {
      for (let i = 0; i < 5; i++) {
        const wrong = await org.anonymous.post('/api/auth/reset-password', {
          email,
          code: 'AAAA-AAAA-AAAA',
          newPassword: NEW_PASSWORD,
        });
        expect(wrong.status).toBe(400);
      }
      expect(
        (await auditActions(org, pcp.id)).filter((a) => a === 'auth.password_reset_failed'),
      ).toHaveLength(5);
    } else if (how === 'reissue') {
      await org.admin.post(`/api/users/${pcp.id}/password-reset`);
    } else {
      await org.admin.post(`/api/users/${pcp.id}/deactivate`);
    }
    const res = await org.anonymous.post('/api/auth/reset-password', {
      email,
      code,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toBe('code');
    expect((await org.anonymous.post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(401);
  });

  it('refuses a new password the policy rejects, leaving the code usable', async () => {
    const org = await newTestOrg();
    const { email, code } = await issued(org);
    const short = await org.anonymous.post('/api/auth/reset-password', { email, code, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.issues[0].field).toBe('newPassword');
    const ok = await org.anonymous.post('/api/auth/reset-password', {
      email,
      code,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.status).toBe(204);
  });

  it('an admin cannot issue a code for their own or a deactivated account', async () => {
    const org = await newTestOrg();
    const me = (await org.admin.get('/api/auth/me')).body;
    expect((await org.admin.post(`/api/users/${me.id}/password-reset`)).status).toBe(422);
    const cm = await org.user(['care_manager']);
    await org.admin.post(`/api/users/${cm.id}/deactivate`);
    expect((await org.admin.post(`/api/users/${cm.id}/password-reset`)).status).toBe(422);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, keeps this session, ends the others, and is audited', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const email = await emailOf(cm);
    const other = new Client(
      org.app,
      (await org.anonymous.post('/api/auth/login', { email, password: PASSWORD })).body.token,
    );

    const wrong = await cm.post('/api/auth/change-password', {
      currentPassword: 'not-it-at-all',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0].field).toBe('currentPassword');
    const weak = await cm.post('/api/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues[0].field).toBe('newPassword');
    expect((await other.get('/api/auth/me')).status).toBe(200);

    const ok = await cm.post('/api/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.status).toBe(204);
    expect((await cm.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await org.anonymous.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    expect((await org.anonymous.post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200);
    expect(await auditActions(org, cm.id)).toContain('auth.password_change');
  });
});
