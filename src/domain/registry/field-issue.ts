// The shape every registry check uses to refuse input: which field, and why, in words a user can act on.
export interface FieldIssue {
  field: string;
  reason: string;
}
