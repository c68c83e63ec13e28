import { ACCESS_ROLES, type AccessRole } from "./viewer";

/** What a token's roles claim comes to. */
export type RolesClaim = { ok: true; role: AccessRole | null } | { ok: false; problem: string };

/**
 * The strongest role in a token's roles claim: an array of `reader`, `editor`, `admin`
 * (any case). Other strings in the array are ignored (an identity provider may put its own roles
 * beside ours); a missing claim or an empty array means no role. Anything but an array of
 * strings makes the token invalid: a malformed claim is never read as "no role".
 */
export function strongestRole(claim: unknown, claimName: string): RolesClaim {
  if (claim === undefined) return { ok: true, role: null };
  if (!Array.isArray(claim) || !claim.every((r): r is string => typeof r === "string")) {
    return { ok: false, problem: `the "${claimName}" claim must be an array of role names` };
  }
  const named = new Set(claim.map((r) => r.toUpperCase()));
  const role = [...ACCESS_ROLES].reverse().find((r) => named.has(r)) ?? null;
  return { ok: true, role };
}
