/**
 * The emulator's organisations, service tokens and git remote (organisations.ts), with raw signed
 * requests, so that it is the emulator's rules that are tested and not our client.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, signRequest } from '../../src/main/providers/clever-cloud/oauth1';
import { DEMO_ORGANISATIONS } from './demo-data';
import { roleCovers } from './organisations';
import { startCleverCloudEmulator, type CleverCloudEmulator } from './server';
import { makeTestClock } from './testing';

const exec = promisify(execFile);
const clock = makeTestClock();
let emulator: CleverCloudEmulator;
const [acme, globex, initech] = DEMO_ORGANISATIONS as [(typeof DEMO_ORGANISATIONS)[number], (typeof DEMO_ORGANISATIONS)[number], (typeof DEMO_ORGANISATIONS)[number]];
const acmeWeb = acme.applications[0]!.id;
const acmeApi = acme.applications[1]!.id;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now });
});
afterAll(() => emulator.close());

async function call(route: string, o: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; bearer?: string } = {}) {
  const method = o.method ?? 'GET';
  const url = `${emulator.config.baseUrl}${route}`;
  const headers: Record<string, string> = {};
  if (o.bearer !== undefined) headers.authorization = `Bearer ${o.bearer}`;
  else
    headers.authorization = authorizationHeader(
      signRequest({ method, url, consumer: emulator.config.consumer, token: emulator.config.token, signatureMethod: 'HMAC-SHA512', timestamp: String(Math.floor(clock.now() / 1000)) }),
    );
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const text = await res.text();
  return { status: res.status, json: <T = unknown>(): T => JSON.parse(text) as T, text };
}

const create = (org: string, body: unknown) => call(`/organisations/${org}/service-tokens`, { method: 'POST', body });

describe('organisations and applications', () => {
  it('lists the user’s organisations and, per organisation, its members and applications in clever-tools’ shape', async () => {
    const orgs = await call('/organisations');
    expect(orgs.status).toBe(200);
    expect(orgs.json<{ id: string; name: string }[]>().map((o) => o.name)).toEqual(['Acme', 'Globex', 'Initech']);
    const members = await call(`/organisations/${acme.id}/members`);
    expect(members.json<{ member: { email: string }; role: string }[]>()).toContainEqual(expect.objectContaining({ member: expect.objectContaining({ email: 'demo@example.com' }), role: 'ADMIN' }));
    const apps = await call(`/organisations/${acme.id}/applications`);
    const first = apps.json<{ id: string; deployment: { httpUrl: string }; instance: { variant: { slug: string } } }[]>()[0]!;
    expect(first).toMatchObject({ id: acmeWeb, instance: { variant: { slug: 'node' } }, deployment: { httpUrl: `${emulator.server.url}/${acmeWeb}.git` } });
  });

  it('the real clever-tools 4 lists every organisation’s applications (`clever applications list`) from /summary and /applications', async () => {
    const clever = path.resolve(import.meta.dirname, '../../node_modules/clever-tools-4/bin/clever.js');
    const home = mkdtempSync(path.join(tmpdir(), 'tessera-clever-'));
    try {
      const { stdout } = await exec(process.execPath, [clever, 'applications', 'list', '--format', 'json'], {
        cwd: home,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          XDG_CONFIG_HOME: path.join(home, 'xdg'),
          NO_UPDATE_NOTIFIER: '1',
          API_HOST: emulator.config.baseUrl.replace(/\/v2$/, ''),
          CLEVER_TOKEN: emulator.config.token.token,
          CLEVER_SECRET: emulator.config.token.secret,
          OAUTH_CONSUMER_KEY: emulator.config.consumer.key,
          OAUTH_CONSUMER_SECRET: emulator.config.consumer.secret,
        },
      });
      const listed = JSON.parse(stdout) as { id: string; applications: { app_id: string; deploy_url: string }[] }[];
      expect(listed.map((o) => o.id).sort()).toEqual(DEMO_ORGANISATIONS.map((o) => o.id).sort());
      expect(listed.find((o) => o.id === acme.id)!.applications).toContainEqual(expect.objectContaining({ app_id: acmeWeb, deploy_url: `${emulator.server.url}/${acmeWeb}.git` }));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses an unsigned call and a user who is not a member', async () => {
    expect((await fetch(`${emulator.config.baseUrl}/organisations`)).status).toBe(401);
    expect((await call('/organisations/orga_unknown/applications')).status).toBe(404);
  });
});

describe('service tokens', () => {
  it('roles: ADMIN > MANAGER > DEVELOPER, ACCOUNTING apart', () => {
    expect(roleCovers('ADMIN', 'MANAGER')).toBe(true);
    expect(roleCovers('MANAGER', 'ADMIN')).toBe(false);
    expect(roleCovers('DEVELOPER', 'DEVELOPER')).toBe(true);
    expect(roleCovers('MANAGER', 'ACCOUNTING')).toBe(false);
    expect(roleCovers('ADMIN', 'ACCOUNTING')).toBe(true);
    expect(roleCovers('ACCOUNTING', 'DEVELOPER')).toBe(false);
  });

  it('creates a token once (value shown once, default 90 days), lists it without the value, revokes it at once', async () => {
    const made = await create(acme.id, { name: 'ci', role: 'DEVELOPER', app_id: acmeWeb });
    expect(made.status).toBe(201);
    const token = made.json<{ id: string; token: string; expires_at: string; app_id: string; role: string }>();
    expect(token.token).toMatch(/^biscuit_ccemu_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(token.expires_at) - clock.now()).toBe(90 * 86_400_000);
    const listed = await call(`/organisations/${acme.id}/service-tokens?limit=100&offset=0`);
    expect(listed.text).not.toContain(token.token);
    expect(listed.json<{ id: string }[]>().map((t) => t.id)).toContain(token.id);
    expect((await call(`/organisations/${acme.id}/service-tokens/${token.id}`)).json()).toMatchObject({ id: token.id, role: 'DEVELOPER', app_id: acmeWeb });
    expect((await call(`/organisations/${acme.id}/applications/${acmeWeb}`, { bearer: token.token })).status).toBe(200);
    expect((await call(`/organisations/${acme.id}/service-tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/organisations/${acme.id}/applications/${acmeWeb}`, { bearer: token.token })).status).toBe(401);
    expect((await call(`/organisations/${acme.id}/service-tokens/${token.id}`)).status).toBe(404);
  });

  it('enforces name, role ≤ the user’s, the app in the organisation, ttl 1 s … 1 year, and no unknown field', async () => {
    expect((await create(acme.id, { name: '', role: 'DEVELOPER' })).status).toBe(400);
    expect((await create(acme.id, { name: 'x', role: 'ROOT' })).status).toBe(400);
    expect((await create(globex.id, { name: 'x', role: 'ADMIN' })).status).toBe(403);
    expect((await create(globex.id, { name: 'x', role: 'DEVELOPER' })).status).toBe(201);
    expect((await create(initech.id, { name: 'x', role: 'DEVELOPER' })).status).toBe(403);
    expect((await create(initech.id, { name: 'x', role: 'ACCOUNTING' })).status).toBe(201);
    expect((await create(acme.id, { name: 'x', role: 'DEVELOPER', app_id: globex.applications[0]!.id })).status).toBe(400);
    expect((await create(acme.id, { name: 'x', role: 'DEVELOPER', ttl_seconds: 0 })).status).toBe(400);
    expect((await create(acme.id, { name: 'x', role: 'DEVELOPER', ttl_seconds: 365 * 86_400 + 1 })).status).toBe(400);
    expect((await create(acme.id, { name: 'x', role: 'DEVELOPER', ttl_seconds: 1.5 })).status).toBe(400);
    expect((await create(acme.id, { name: 'x', role: 'DEVELOPER', admin: true })).status).toBe(400);
    expect((await create(acme.id, { name: 'x', role: 'DEVELOPER', ttl_seconds: 365 * 86_400 })).status).toBe(201);
  });

  it('a token works only under its organisation, its app when scoped, and not to manage tokens; not after expiry; forged ones never', async () => {
    const org = (await create(acme.id, { name: 'org-wide', role: 'MANAGER', ttl_seconds: 60 })).json<{ token: string }>().token;
    const app = (await create(acme.id, { name: 'one app', role: 'DEVELOPER', app_id: acmeWeb })).json<{ token: string }>().token;
    expect((await call(`/organisations/${acme.id}/applications`, { bearer: org })).status).toBe(200);
    expect((await call(`/organisations/${globex.id}/applications`, { bearer: org })).status).toBe(401);
    expect((await call(`/organisations/${acme.id}/service-tokens`, { bearer: org })).status).toBe(401);
    expect((await call('/self', { bearer: org })).status).toBe(400);
    expect((await call(`/organisations/${acme.id}/applications`, { bearer: app })).status).toBe(403);
    expect((await call(`/organisations/${acme.id}/applications/${acmeApi}`, { bearer: app })).status).toBe(403);
    expect((await call(`/organisations/${acme.id}/applications`, { bearer: `${org.slice(0, -1)}${org.endsWith('A') ? 'B' : 'A'}` })).status).toBe(401);
    clock.advance(61_000);
    expect((await call(`/organisations/${acme.id}/applications`, { bearer: org })).status).toBe(401);
  });
});

describe('git remote', () => {
  it('takes a push only with a live token of the app’s organisation (DEVELOPER and up) as the Basic user name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-git-'));
    try {
      const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
      await exec('git', ['init', '-q', '-b', 'main', dir], { env });
      writeFileSync(path.join(dir, 'index.js'), 'console.log(1)\n');
      await exec('git', ['-C', dir, 'add', '.'], { env });
      await exec('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one'], { env });
      const remote = `${emulator.server.url}/${acmeWeb}.git`;
      const push = (token: string | null) =>
        exec('git', ['-C', dir, ...(token ? ['-c', `http.extraHeader=Authorization: Basic ${Buffer.from(`${token}:x`).toString('base64')}`] : []), 'push', '-q', remote, 'main'], { env });
      await expect(push(null)).rejects.toThrow();
      const accounting = (await create(acme.id, { name: 'a', role: 'ACCOUNTING' })).json<{ token: string }>().token;
      await expect(push(accounting)).rejects.toThrow();
      const otherApp = (await create(acme.id, { name: 'b', role: 'ADMIN', app_id: acmeApi })).json<{ token: string }>().token;
      await expect(push(otherApp)).rejects.toThrow();
      const good = (await create(acme.id, { name: 'c', role: 'DEVELOPER', app_id: acmeWeb })).json<{ token: string }>().token;
      await push(good);
      const head = (await exec('git', ['-C', dir, 'rev-parse', 'HEAD'], { env })).stdout.trim();
      const landed = (await exec('git', ['--git-dir', emulator.organisations.repositoryOf(acmeWeb), 'rev-parse', 'refs/heads/main'], { env })).stdout.trim();
      expect(landed).toBe(head);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
