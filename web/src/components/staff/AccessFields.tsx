// The roles and clinics checkboxes a staff member's access is made of, shared by adding and editing.
import { Checkbox, SimpleGrid } from '@mantine/core';
import { STAFF_ROLES } from '@server/domain/registry/roles';
import type { Role } from '@server/services/actor';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import { ROLE_LABELS } from '../../lib/format';
import type { FieldErrors } from '../../lib/issues';

export function AccessFields({
  roles,
  onRoles,
  clinicIds,
  onClinicIds,
  clinics,
  errors,
}: {
  roles: Role[];
  onRoles: (roles: Role[]) => void;
  clinicIds: string[];
  onClinicIds: (ids: string[]) => void;
  clinics: ClinicView[];
  errors: FieldErrors;
}) {
  return (
    <>
      <Checkbox.Group
        label="Roles"
        required
        value={roles}
        onChange={(v) => onRoles(v as Role[])}
        error={errors.get('roles')}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="xs">
          {STAFF_ROLES.map((r) => (
            <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Checkbox.Group
        label="Clinics"
        description="Staff other than admins need at least one"
        value={clinicIds}
        onChange={onClinicIds}
        error={errors.get('clinicIds')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {clinics.map((c) => (
            <Checkbox key={c.id} value={c.id} label={c.name} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </>
  );
}
