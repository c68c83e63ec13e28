/** Access roles, weakest first: each includes the ones before it (`reader` < `editor` < `admin`). */
export const ACCESS_ROLES = ["READER", "EDITOR", "ADMIN"] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The caller a request's bearer token names, once verified; null for an anonymous request. */
export interface Viewer {
  /** The token's `sub`: recorded as the `actor` of every change the caller writes. */
  subject: string;
  /**
   * The strongest role the token carries; null when it carries none of `reader`, `editor`,
   * `admin` (the caller is known, and may do nothing that needs a role: 403).
   */
  role: AccessRole | null;
}

/** True when `role` includes `required`; no role includes nothing. */
export function hasRole(role: AccessRole | null, required: AccessRole): boolean {
  return role !== null && ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(required);
}

/** `AccessRole` values are the GraphQL enum's; a string read from the SDL is checked against them. */
export function isAccessRole(value: unknown): value is AccessRole {
  return typeof value === "string" && (ACCESS_ROLES as readonly string[]).includes(value);
}
