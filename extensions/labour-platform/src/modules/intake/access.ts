/** Who sees the import module in the module bar: administrators, providers and clerks (the roles that import). */
import { ROLE_IDS } from '../../glue/roles';

interface AppUser {
  admin_access?: boolean | null;
  role?: { id?: string | null } | string | null;
}

const IMPORTING_ROLES: readonly string[] = [ROLE_IDS.provider, ROLE_IDS.clerk];

export function mayImport(user: AppUser | null | undefined): boolean {
  if (!user) return false;
  if (user.admin_access === true) return true;
  const role = typeof user.role === 'string' ? user.role : (user.role?.id ?? null);
  return role !== null && IMPORTING_ROLES.includes(role);
}

export function isClerk(user: AppUser | null | undefined): boolean {
  const role = typeof user?.role === 'string' ? user.role : (user?.role?.id ?? null);
  return role === ROLE_IDS.clerk;
}

/** A provider user: manages its own organisation's API credentials (an administrator manages any provider's). */
export function isProvider(user: AppUser | null | undefined): boolean {
  const role = typeof user?.role === 'string' ? user.role : (user?.role?.id ?? null);
  return role === ROLE_IDS.provider;
}
