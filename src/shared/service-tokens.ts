/**
 * Clever Cloud organisations and their service tokens as main, the window and the command line see
 * them: plain data, never a token's value. The role order is Clever Cloud's (documentation,
 * "Service tokens": a token's role is no higher than its creator's); docs/PROVIDERS.md states the
 * order Tessera assumes: ADMIN > MANAGER > DEVELOPER, ACCOUNTING apart (given only by ADMIN and
 * ACCOUNTING members, and allowed no deploy). No schema library here: the window imports this file
 * (the IPC schemas are in contract.ts).
 */
export const ORGANISATION_ROLES = ['ADMIN', 'MANAGER', 'DEVELOPER', 'ACCOUNTING'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

const RANK: Readonly<Record<OrganisationRole, number>> = { ADMIN: 3, MANAGER: 2, DEVELOPER: 1, ACCOUNTING: 0 };

/** May a member with role `held` give a token the role `wanted`? */
export function mayGiveRole(held: OrganisationRole, wanted: OrganisationRole): boolean {
  if (wanted === 'ACCOUNTING') return held === 'ADMIN' || held === 'ACCOUNTING';
  if (held === 'ACCOUNTING') return false;
  return RANK[held] >= RANK[wanted];
}

/** The roles a member with role `held` may give, highest first (what the window's picker offers). */
export function rolesToGive(held: OrganisationRole): OrganisationRole[] {
  return ORGANISATION_ROLES.filter((r) => mayGiveRole(held, r));
}

/** Whether a token of this role may push to a deployment remote. */
export function mayDeploy(role: OrganisationRole): boolean {
  return mayGiveRole(role, 'DEVELOPER');
}

/** 1 s … 1 year; Clever Cloud's default is 90 days. */
export const MIN_SERVICE_TOKEN_TTL_SECONDS = 1;
export const MAX_SERVICE_TOKEN_TTL_SECONDS = 365 * 24 * 3600;
export const DEFAULT_SERVICE_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export interface OrganisationApplication {
  readonly id: string;
  readonly name: string;
  /** The git remote over HTTPS (`deployment.httpUrl`), when Clever Cloud gives one. */
  readonly deployUrl: string | null;
}

export interface OrganisationView {
  readonly id: string;
  readonly name: string;
  /** The user's own role in it. */
  readonly role: OrganisationRole;
  readonly applications: readonly OrganisationApplication[];
}

export interface ServiceTokenView {
  readonly id: string;
  readonly name: string;
  readonly role: OrganisationRole;
  /** The one application it is limited to; null: the whole organisation. */
  readonly appId: string | null;
  readonly createdAt: number | null;
  readonly expiresAt: number | null;
  /** Tessera keeps its value (it was created here): it can be copied and handed out. */
  readonly held: boolean;
}
