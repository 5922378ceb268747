/**
 * Seeded data of the Clever Cloud emulator. Fixed values (not random) so that `npm run emulators
 * -- --print-config`, the demo and the e2e suite agree without passing anything around.
 * None of this is real: the emulator only runs on 127.0.0.1.
 */
import { CLEVER_TOOLS_CONSUMER } from './service-facts';

export interface DemoUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
  /** A path the emulator serves (`/avatars/…`, made absolute in `/self`), an absolute URL, or none. */
  readonly avatar: string | null;
  readonly preferredMFA: string;
  /**
   * Base32 TOTP secret (RFC 6238: SHA-1, 30 s, 6 digits) checked by the API bridge when
   * `preferredMFA` is `TOTP`; documented so that a person trying the demo can add it to an
   * authenticator app.
   */
  readonly totpSecret: string;
  /** False for an account linked to GitHub: it has no password, so it cannot create API tokens. */
  readonly hasPassword: boolean;
}

export interface DemoConsumer {
  readonly key: string;
  readonly secret: string;
  readonly name: string;
  readonly description: string;
  /** Callbacks must lie on this base URL's scheme and host (any port, any path). */
  readonly baseUrl: string;
  readonly url: string;
  readonly picture: string;
  /** The rights the consumer asks for; the rights page shows one checkbox per right. */
  readonly rights: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: 'user_6e1bd9a4-2c3f-4f59-9a1e-5b0c2d7e8f01',
    email: 'demo@example.com',
    password: 'demo-password',
    name: 'Ada Demo',
    avatar: '/avatars/ada.png',
    preferredMFA: 'NONE',
    totpSecret: 'JBSWY3DPEHPK3PXP',
    hasPassword: true,
  },
  {
    id: 'user_0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f',
    email: 'bob@example.com',
    password: 'bob-password',
    name: '',
    avatar: null,
    preferredMFA: 'TOTP',
    totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLS',
    hasPassword: true,
  },
  {
    id: 'user_3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
    email: 'github-only@example.com',
    // Never accepted: a GitHub-linked account has no password (`hasPassword: false`).
    password: '',
    name: 'Grace GitHub',
    avatar: null,
    preferredMFA: 'NONE',
    totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    hasPassword: false,
  },
];

export const DEMO_CONSUMER: DemoConsumer = {
  key: 'tessera-demo-consumer-3f8a2c',
  secret: 'demo-consumer-secret-9b7d41e6a0',
  name: 'Tessera Demo',
  description: 'The OAuth consumer the Tessera demo registers.',
  baseUrl: 'http://127.0.0.1',
  url: 'https://example.com/tessera',
  picture: 'https://example.com/tessera.png',
  rights: ['access_organisations', 'access_personal_information', 'manage_personal_information', 'manage_ssh_keys'],
};

/** The official CLI's public consumer: console (`cli-oauth`) logins issue tokens to it. */
export const CLI_CONSUMER: DemoConsumer = {
  key: CLEVER_TOOLS_CONSUMER.key,
  secret: CLEVER_TOOLS_CONSUMER.secret,
  name: 'Clever Cloud CLI',
  description: 'clever-tools',
  baseUrl: 'http://127.0.0.1',
  url: 'https://github.com/CleverCloud/clever-tools',
  picture: 'https://example.com/clever-tools.png',
  rights: ['almighty'],
};

/** Issued to DEMO_CONSUMER for the first demo user when the emulator starts. */
export const DEMO_TOKEN = {
  token: 'demo-token-4b1e0c9f7a2d',
  secret: 'demo-token-secret-8c3f2a1b6e5d',
} as const;

/** A role in an organisation (Clever Cloud's names). */
export type OrganisationRole = 'ADMIN' | 'MANAGER' | 'DEVELOPER' | 'ACCOUNTING';

export interface DemoOrganisation {
  readonly id: string;
  readonly name: string;
  /** User id → role. */
  readonly members: Readonly<Record<string, OrganisationRole>>;
  readonly applications: readonly { readonly id: string; readonly name: string }[];
}

/**
 * Organisations of the demo users: the first demo user is ADMIN of one, DEVELOPER of another and
 * ACCOUNTING of a third, so that every rule on roles shows in the demo and the tests.
 */
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    id: 'orga_5d0c8e7a-1b2f-4c3d-9e8f-7a6b5c4d3e21',
    name: 'Acme',
    members: { [DEMO_USERS[0]!.id]: 'ADMIN', [DEMO_USERS[1]!.id]: 'DEVELOPER' },
    applications: [
      { id: 'app_1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', name: 'acme-web' },
      { id: 'app_2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', name: 'acme-api' },
    ],
  },
  {
    id: 'orga_7b6a5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
    name: 'Globex',
    members: { [DEMO_USERS[0]!.id]: 'DEVELOPER' },
    applications: [{ id: 'app_3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', name: 'globex-shop' }],
  },
  {
    id: 'orga_9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f',
    name: 'Initech',
    members: { [DEMO_USERS[0]!.id]: 'ACCOUNTING', [DEMO_USERS[1]!.id]: 'ADMIN' },
    applications: [{ id: 'app_4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', name: 'initech-tps' }],
  },
];
