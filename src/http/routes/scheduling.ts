// Scheduling: visit types, clinician templates, closures, the clinic day schedule and appointments.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { APPOINTMENT_ACTIONS } from '../../domain/scheduling/appointment-status.js';
import {
  APPOINTMENT_ACTION_ROLES,
  BH_SCHEDULE_ROLES,
  BOOKING_ROLES,
  HANDOFF_REQUEST_ROLES,
  TEMPLATE_EDITOR_ROLES,
} from '../../domain/scheduling/roles.js';
import { SLOT_STATES } from '../../domain/scheduling/slots.js';
import { VISIT_KINDS } from '../../domain/scheduling/visit-types.js';
import {
  actOnAppointment,
  cancelInput,
  completeInput,
  type ActionInput,
} from '../../services/scheduling/appointment-actions.js';
import { bookAppointment, bookInput } from '../../services/scheduling/book-appointment.js';
import { closureInput, createClosure } from '../../services/scheduling/closures.js';
import {
  acceptHandoff,
  handoffInput,
  handoffQuery,
  listHandoffs,
  requestHandoff,
} from '../../services/scheduling/handoffs.js';
import { readSchedule, scheduleQuery } from '../../services/scheduling/read-schedule.js';
import { getTemplate, putTemplate, templateInput } from '../../services/scheduling/templates.js';
import { createVisitType, listVisitTypes, visitTypeInput } from '../../services/scheduling/visit-types.js';
import type { AppDeps, AppEnv } from '../env.js';
import { defineRoute } from '../route.js';
import { idParam } from '../params.js';

/** Who reads schedules: everyone who books, and the admins who edit them. */
const SCHEDULE_READERS = [...new Set([...BOOKING_ROLES, ...TEMPLATE_EDITOR_ROLES])];

const clock = (deps: AppDeps): Date => deps.now?.() ?? new Date();

const visitTypeView = z.object({
  id: z.string(),
  clinicId: z.string(),
  name: z.string(),
  kind: z.enum(VISIT_KINDS),
  minutes: z.number(),
  bufferMinutes: z.number(),
  capacity: z.number(),
});

const appointmentView = z.object({
  id: z.string(),
  clinicId: z.string(),
  clinicianId: z.string(),
  patientId: z.string(),
  visitTypeId: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  fromProtectedSlot: z.boolean(),
  worklistItemId: z.string().nullable(),
  bookingReason: z.string().nullable(),
  lateCancel: z.boolean(),
  contactId: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});

const slotView = z.object({
  start: z.string(),
  end: z.string(),
  visitTypeId: z.string(),
  kind: z.string(),
  state: z.enum(SLOT_STATES),
  protected: z.boolean(),
  releaseAt: z.string().nullable(),
  capacity: z.number(),
  taken: z.number(),
});

export function schedulingRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/clinics/{id}/visit-types',
      roles: SCHEDULE_READERS,
      summary: 'A clinic’s visit types',
      tags: ['scheduling'],
      params: idParam,
      response: z.object({ visitTypes: z.array(visitTypeView) }),
    },
    ({ deps, actor, params }) => listVisitTypes({ db: deps.db, actor, clinicId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/clinics/{id}/visit-types',
      roles: TEMPLATE_EDITOR_ROLES,
      summary: 'Add a visit type to a clinic',
      tags: ['scheduling'],
      params: idParam,
      body: visitTypeInput,
      status: 201,
      response: visitTypeView,
    },
    ({ deps, actor, params, body }) =>
      createVisitType({ db: deps.db, actor, clinicId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/clinics/{id}/closures',
      roles: TEMPLATE_EDITOR_ROLES,
      summary: 'Close the clinic, or mark a clinician away, for whole days or a span',
      tags: ['scheduling'],
      params: idParam,
      body: closureInput,
      status: 201,
      response: z.object({ id: z.string(), start: z.string(), end: z.string() }),
    },
    ({ deps, actor, params, body }) =>
      createClosure({ db: deps.db, actor, clinicId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/clinicians/{id}/template',
      roles: SCHEDULE_READERS,
      summary: 'A BH clinician’s weekly template',
      tags: ['scheduling'],
      params: idParam,
    },
    ({ deps, actor, params }) => getTemplate({ db: deps.db, actor, clinicianId: params.id }),
  );
  defineRoute(
    router,
    {
      method: 'put',
      path: '/clinicians/{id}/template',
      roles: TEMPLATE_EDITOR_ROLES,
      summary:
        'Replace a BH clinician’s weekly template (blocks, one-off day changes, protected-slot release)',
      tags: ['scheduling'],
      params: idParam,
      body: templateInput,
    },
    ({ deps, actor, now, params, body }) =>
      putTemplate({ db: deps.db, actor, now, clinicianId: params.id, input: body }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/schedule',
      roles: SCHEDULE_READERS,
      summary: 'Every BH clinician’s slots (with state) and appointments on a clinic-local day',
      tags: ['scheduling'],
      query: scheduleQuery,
      response: z.object({
        clinicId: z.string(),
        date: z.string(),
        timeZone: z.string(),
        visitTypes: z.array(visitTypeView.omit({ clinicId: true })),
        clinicians: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            slots: z.array(slotView),
            appointments: z.array(
              appointmentView.extend({
                patient: z.object({
                  id: z.string(),
                  mrn: z.string(),
                  givenName: z.string(),
                  familyName: z.string(),
                }),
              }),
            ),
          }),
        ),
      }),
    },
    ({ deps, actor, query }) => readSchedule({ db: deps.db, actor, query, now: clock(deps) }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/appointments',
      roles: BOOKING_ROLES,
      summary: 'Book a slot; 409 when it is taken (re-checked under the clinician’s schedule lock)',
      tags: ['scheduling'],
      body: bookInput,
      status: 201,
      response: appointmentView,
    },
    ({ deps, actor, body }) => bookAppointment({ db: deps.db, actor, input: body, now: clock(deps) }),
  );
  for (const action of APPOINTMENT_ACTIONS) {
    const body = action === 'cancel' ? cancelInput : action === 'complete' ? completeInput : z.object({});
    defineRoute(
      router,
      {
        method: 'post',
        path: `/appointments/{id}/${action}`,
        roles: APPOINTMENT_ACTION_ROLES[action],
        summary: `Appointment: ${action}`,
        tags: ['scheduling'],
        params: idParam,
        body,
        bodyOptional: true,
        response: appointmentView.extend({
          contact: z
            .object({ id: z.string(), countsTowardProgram: z.boolean(), reason: z.string() })
            .optional(),
        }),
      },
      ({ deps, actor, params, body: parsed }) =>
        actOnAppointment({
          db: deps.db,
          actor,
          appointmentId: params.id,
          input: { action, body: parsed } as ActionInput,
          now: clock(deps),
        }),
    );
  }
  defineRoute(
    router,
    {
      method: 'post',
      path: '/handoffs',
      roles: HANDOFF_REQUEST_ROLES,
      summary: 'Ask for a same-day warm handoff now; the BH clinicians on duty see it at once',
      tags: ['scheduling'],
      body: handoffInput,
      status: 201,
    },
    ({ deps, actor, body }) => requestHandoff({ db: deps.db, actor, input: body, now: clock(deps) }),
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/handoffs',
      roles: SCHEDULE_READERS,
      summary: 'A clinic’s handoff requests (poll for new ones), newest first',
      tags: ['scheduling'],
      query: handoffQuery,
    },
    ({ deps, actor, query }) => listHandoffs({ db: deps.db, actor, query }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/handoffs/{id}/accept',
      roles: BH_SCHEDULE_ROLES,
      summary: 'Accept a handoff: books today’s first free handoff slot of your schedule (protected first)',
      tags: ['scheduling'],
      params: idParam,
      body: z.object({}),
      bodyOptional: true,
    },
    ({ deps, actor, params }) =>
      acceptHandoff({ db: deps.db, actor, handoffId: params.id, now: clock(deps) }),
  );
  return router;
}
