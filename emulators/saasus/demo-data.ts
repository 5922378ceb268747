/**
 * The SaaSus emulator's seeded world: one SaaS with its keys, and users who belong to tenants, each
 * tenant with environments and the user's roles in them (the shape `/userinfo` returns). Values are
 * fixed so that `npm run emulators -- --print-config` prints the same thing every run; they are
 * demo credentials for a loopback emulator, not secrets.
 */
export interface DemoRole {
  role_name: string;
  display_name: string;
}

export interface DemoEnv {
  /** An integer, as in the real API. */
  id: number;
  name: string;
  roles: DemoRole[];
}

export interface DemoTenant {
  id: string;
  name: string;
  plan_id?: string;
  back_office_staff_email: string;
  envs: DemoEnv[];
}

export interface DemoUser {
  id: string;
  email: string;
  password: string;
  /** Goes into the ID token's `name` claim when set. */
  name?: string;
  tenants: DemoTenant[];
}

export interface DemoSaas {
  saasId: string;
  apiKey: string;
  secretKey: string;
  /** Shown on the hosted login page. */
  name: string;
}

export const DEMO_SAAS: DemoSaas = {
  saasId: '5f0c2e7a-3b1d-4a8e-9c6f-2d4b8a1e7c30',
  apiKey: 'demo-api-key-7b1c9e',
  secretKey: 'demo-secret-key-3f8a2d6c1e9b4075',
  name: 'Demo SaaS',
};

const admin = { role_name: 'admin', display_name: 'Administrator' };
const user = { role_name: 'user', display_name: 'General user' };

/** A fresh deep copy each time, so that one emulator's admin edits never leak into another's. */
export function demoUsers(): DemoUser[] {
  return [
    {
      id: '0b7f3c52-9d14-4e6a-8a21-6f5e2c9d8b01',
      email: 'alice@example.com',
      password: 'alice-password',
      name: 'Alice Example',
      tenants: [
        {
          id: '7a1e4c2b-5d3f-4b8a-9e61-0c2d7f9a3b10',
          name: 'Acme Corp',
          plan_id: 'a5d9c1e3-7f2b-4d6a-8c0e-1b3f5d7a9c20',
          back_office_staff_email: 'staff@acme.example',
          envs: [
            { id: 1, name: 'dev', roles: [{ ...admin }, { ...user }] },
            { id: 3, name: 'prod', roles: [{ ...user }] },
          ],
        },
        {
          id: 'c3b2a190-8e7d-4f6c-a5b4-9d8e7f6a5b30',
          name: 'Beta Ltd',
          back_office_staff_email: 'staff@beta.example',
          envs: [{ id: 3, name: 'prod', roles: [{ ...admin }] }],
        },
      ],
    },
    {
      id: '4e9d2a7c-1b3f-4c5e-9a8d-7f6e5d4c3b02',
      email: 'bob@example.com',
      password: 'bob-password',
      tenants: [
        {
          id: '7a1e4c2b-5d3f-4b8a-9e61-0c2d7f9a3b10',
          name: 'Acme Corp',
          plan_id: 'a5d9c1e3-7f2b-4d6a-8c0e-1b3f5d7a9c20',
          back_office_staff_email: 'staff@acme.example',
          envs: [{ id: 3, name: 'prod', roles: [{ ...user }] }],
        },
      ],
    },
  ];
}

/**
 * `count` more users of the demo SaaS (`user-0001@example.com`, password `user-0001-password`),
 * each a plain user of one tenant: the benchmark logs in a thousand distinct users, since a user
 * who logs in again replaces his account in place.
 */
export function numberedUsers(count: number): DemoUser[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      id: `00000000-0000-4000-8000-${n.padStart(12, '0')}`,
      email: `user-${n}@example.com`,
      password: `user-${n}-password`,
      tenants: [
        {
          id: '7a1e4c2b-5d3f-4b8a-9e61-0c2d7f9a3b10',
          name: 'Acme Corp',
          back_office_staff_email: 'staff@acme.example',
          envs: [{ id: 3, name: 'prod', roles: [{ ...user }] }],
        },
      ],
    };
  });
}
