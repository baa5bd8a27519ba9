// Billing: month preview, close, lock and reopen; claims and their exports; rule packs; charges; finances.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Role } from '../../services/actor.js';
import {
  clinicQuery,
  closeInput,
  closeMonth,
  lockMonth,
  monthParam,
  previewMonth,
  reopenInput,
  reopenMonth,
} from '../../services/billing/billing-month.js';
import {
  chargeScheduleInput,
  getChargeSchedule,
  replaceChargeSchedule,
} from '../../services/billing/charge-schedule.js';
import { listClaims } from '../../services/billing/claims.js';
import { exportMonth } from '../../services/billing/export-month.js';
import {
  financialSummary,
  saveStaffCosts,
  staffCostInput,
  summaryQuery,
} from '../../services/billing/financial-summary.js';
import {
  listPacks,
  packOverrideInput,
  rulePackInput,
  saveRulePack,
} from '../../services/billing/rule-packs.js';
import { rulePackSchema } from '../../domain/billing/rule-pack-schema.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';

const BILLING: Role[] = ['billing', 'admin'];
const tags = ['billing'];

const chargeScheduleReply = z.object({
  entries: z.array(
    z.object({
      code: z.string().describe('CPT or HCPCS code, e.g. 99492 or G2214'),
      clinicId: z
        .string()
        .nullable()
        .describe("null: the organization's price; a clinic id: that clinic's own price, which wins"),
      price: z.number().describe('US dollars per unit; a line is charged units × price'),
    }),
  ),
  updatedAt: z.string().nullable().describe('ISO 8601 time of the last change, null before any'),
  updatedBy: z.string().nullable(),
});

export function billingRoutes(): OpenAPIHono<AppEnv> {
  const r = new OpenAPIHono<AppEnv>();
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/months/{month}/preview',
      roles: [...BILLING, 'care_manager'],
      summary: 'The month so far: minutes, projected codes, minutes at risk',
      tags,
      params: monthParam,
      query: clinicQuery,
    },
    ({ deps, actor, now, params, query }) =>
      previewMonth({ db: deps.db, actor, now, month: params.month, clinicId: query.clinicId }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/billing/months/{month}/close',
      roles: BILLING,
      summary:
        'Close an ended month: compute its claims (again, until locked); a month priced with a provisional rule pack needs { confirmProvisional: true }',
      tags,
      params: monthParam,
      query: clinicQuery,
      body: closeInput,
      bodyOptional: true,
    },
    ({ deps, actor, now, params, query, body }) =>
      closeMonth({
        db: deps.db,
        actor,
        month: params.month,
        clinicId: query.clinicId,
        confirmProvisional: body.confirmProvisional,
        now,
      }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/billing/months/{month}/lock',
      roles: BILLING,
      summary: 'Lock a closed month: its minutes can no longer change',
      tags,
      params: monthParam,
      query: clinicQuery,
    },
    ({ deps, actor, now, params, query }) =>
      lockMonth({ db: deps.db, actor, now, month: params.month, clinicId: query.clinicId }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/billing/months/{month}/reopen',
      roles: BILLING,
      summary: 'Reopen a locked month (audited, with a reason)',
      tags,
      params: monthParam,
      query: clinicQuery,
      body: reopenInput,
    },
    ({ deps, actor, now, params, query, body }) =>
      reopenMonth({
        db: deps.db,
        actor,
        now,
        month: params.month,
        clinicId: query.clinicId,
        reason: body.reason,
      }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/months/{month}/claims',
      roles: BILLING,
      summary: 'Claims of a closed month with each line’s reasons, and skipped episodes',
      tags,
      params: monthParam,
      query: clinicQuery,
    },
    ({ deps, actor, params, query }) =>
      listClaims({ db: deps.db, actor, month: params.month, clinicId: query.clinicId }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/months/{month}/claims.csv',
      roles: BILLING,
      summary: 'Claims of a closed month as CSV',
      tags,
      params: monthParam,
      query: clinicQuery,
      produces: 'text/csv',
    },
    async ({ c, deps, actor, now, params, query }) => {
      const csv = (await exportMonth(
        { db: deps.db, actor, now, month: params.month, clinicId: query.clinicId },
        'csv',
      )) as string;
      c.header('Content-Disposition', `attachment; filename="careloop-claims-${params.month}.csv"`);
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/months/{month}/claims.fhir.json',
      roles: BILLING,
      summary: 'Claims of a closed month as a FHIR R4 Bundle of Claim',
      tags,
      params: monthParam,
      query: clinicQuery,
      produces: 'application/fhir+json',
    },
    async ({ c, deps, actor, now, params, query }) => {
      const bundle = await exportMonth(
        { db: deps.db, actor, now, month: params.month, clinicId: query.clinicId },
        'fhir',
      );
      return c.body(JSON.stringify(bundle), 200, { 'Content-Type': 'application/fhir+json' });
    },
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/months/{month}/claims.837p',
      roles: BILLING,
      summary: 'Claims of a closed month as an X12 837P file',
      tags,
      params: monthParam,
      query: clinicQuery,
      produces: 'application/edi-x12',
    },
    async ({ c, deps, actor, now, params, query }) => {
      const edi = (await exportMonth(
        { db: deps.db, actor, now, month: params.month, clinicId: query.clinicId },
        '837p',
      )) as string;
      c.header('Content-Disposition', `attachment; filename="careloop-837p-${params.month}.x12"`);
      return c.body(edi, 200, { 'Content-Type': 'application/edi-x12' });
    },
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/rule-packs',
      roles: BILLING,
      summary: 'The rule packs in force: Medicare by year, plus payer overrides',
      tags,
    },
    ({ deps, actor }) => listPacks({ db: deps.db, actor }),
  );
  defineRoute(
    r,
    {
      method: 'post',
      path: '/billing/rule-packs',
      roles: ['admin'],
      summary:
        'Load a whole rule pack (a year’s Medicare baseline or a payer’s pack) or a payer override, replacing that year and payer’s',
      tags,
      body: rulePackInput.meta({
        description:
          'Either a whole rule pack, validated by the rule-pack schema (a year without its own pack bills provisionally under the latest earlier one until it is loaded), or { year, payer, override } with only what differs from that year’s Medicare pack; a body with an `override` key is an override. Replies with the pack now in force for that year and payer.',
        oneOf: [
          z.toJSONSchema(rulePackSchema, { target: 'openapi-3.0', io: 'input' }),
          z.toJSONSchema(packOverrideInput, { target: 'openapi-3.0', io: 'input' }),
        ],
      }),
      status: 201,
    },
    ({ deps, actor, body }) => saveRulePack({ db: deps.db, actor, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/charge-schedule',
      roles: BILLING,
      summary: "The practice's charge per code: organization prices and the caller's clinics' overrides",
      tags,
      response: chargeScheduleReply,
    },
    ({ deps, actor }) => getChargeSchedule({ db: deps.db, actor }),
  );
  defineRoute(
    r,
    {
      method: 'put',
      path: '/billing/charge-schedule',
      roles: BILLING,
      summary:
        "Replace the charge schedule (organization prices and the caller's clinics' overrides) in one step",
      tags,
      body: chargeScheduleInput,
      response: chargeScheduleReply,
    },
    ({ deps, actor, now, body }) => replaceChargeSchedule({ db: deps.db, actor, now, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'put',
      path: '/billing/staff-costs',
      roles: BILLING,
      summary: 'Staff FTE and annual cost per role for a clinic',
      tags,
      body: staffCostInput,
    },
    ({ deps, actor, now, body }) => saveStaffCosts({ db: deps.db, actor, now, input: body }),
  );
  defineRoute(
    r,
    {
      method: 'get',
      path: '/billing/summary',
      roles: BILLING,
      summary: 'Codes, units, expected revenue and staff cost per month',
      tags,
      query: summaryQuery,
    },
    ({ deps, actor, query }) => financialSummary({ db: deps.db, actor, query }),
  );
  return r;
}
