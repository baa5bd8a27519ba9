// Path parameters shared by every router.
import { z } from 'zod';
import { uuid } from '../services/schemas.js';

/** `{id}` in a path; the use case checks its shape and answers 404 for an unknown id. */
export const idParam = z.object({ id: z.string() });

/** `{id}` in a path that must be a UUID (400 otherwise). */
export const uuidParam = z.object({ id: uuid });
