/** Access roles, weakest first: each includes the ones before it (`reader` < `editor` < `admin`). */
export const ACCESS_ROLES = ["READER", "EDITOR", "ADMIN"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The caller a request's bearer token names, once verified; null for an anonymous request. */
export interface Viewer {
  /** The token's `sub`: recorded as the `actor` of every change the caller writes. */
  subject: string;
  /** The strongest role the token carries. */
  role: AccessRole;
}

/** True when `role` includes `required`. */
export function hasRole(role: AccessRole, required: AccessRole): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(required);
}
