/**
 * Roles, weakest first. Each role can do everything the roles before it can: coordinators see and change worklist
 * items; leads also see results, run sweeps, import risk factors and export; admins also manage API keys.
 */
export const ROLES = ['coordinator', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(actual: Role, needed: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}
