/**
 * The command-line secrets audit: every secret the emulators issued (tokens, token secrets,
 * refresh tokens, codes, consumer and SaaS secret keys), plain, percent-encoded and base64, is
 * looked for after a session of commands (hand-outs by grant and by a typed "once", refusals,
 * errors, listings, imports of clever-tools credentials from a file and from the environment, a
 * login that times out, a Clever Cloud service token by `token --kind service-token` and by
 * `git-credential get`) in the commands' stderr, the agent's log, the hand-out log, the metadata
 * file, and the socket traffic, recorded by a proxy the test puts in the agent's place. A secret may
 * appear only in the agent's answer to the `token`, `env`, `serviceToken` or `gitCredential` request
 * that asked for it, and, from
 * the command, only in the `importCleverCloudEnv` request that carries the environment's token.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, chmodSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../emulators/clever-cloud/demo-data';
import type { AccountSummary } from '../../src/shared/types';
import { makeCliWorld, type CliWorld } from './support/cli-world';

const acme = DEMO_ORGANISATIONS[0]!;
let world: CliWorld;
let ccConsole: AccountSummary;
let ccOwn: AccountSummary;
let saas: AccountSummary;
/** Every chunk through the proxy: which connection, which way. */
const traffic: { connection: number; from: 'command' | 'agent'; text: string }[] = [];
const stderrs: string[] = [];
let proxy: net.Server;

/** Puts a recording proxy where the agent's socket was (private, the user's own: the command accepts it). */
async function recordTraffic(): Promise<void> {
  const socket = path.join(world.agentDir, 'agent.sock');
  const real = path.join(world.agentDir, 'real.sock');
  renameSync(socket, real);
  let next = 0;
  proxy = net.createServer((client) => {
    const connection = ++next;
    const upstream = net.connect(real);
    client.on('data', (d: Buffer) => (traffic.push({ connection, from: 'command', text: d.toString('utf8') }), upstream.write(d)));
    upstream.on('data', (d: Buffer) => (traffic.push({ connection, from: 'agent', text: d.toString('utf8') }), client.write(d)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const temp = path.join(world.agentDir, 'proxy.sock');
  await new Promise<void>((r) => proxy.listen(temp, r));
  chmodSync(temp, 0o600);
  linkSync(temp, socket);
  unlinkSync(temp);
}

async function run(args: string[], env?: NodeJS.ProcessEnv): Promise<number | null> {
  const result = await world.run(args, env ? { env } : {});
  stderrs.push(result.stderr);
  return result.code;
}

beforeAll(async () => {
  world = await makeCliWorld({ agentOnEmulators: true });
  ccConsole = await world.seedCleverCloud();
  const held = (await world.services().cleverCloud.readCredentials(ccConsole.id))!;
  // An API token made through Tessera: its value is handed out below (`--kind api-token`, env, exec).
  const made = await world.services().cleverCloud.apiTokens.create(ccConsole.id, { name: 'audit', lifetimeMs: 86_400_000, password: world.cleverCloud.config.user.password });
  expect(made.status).toBe('created');
  world.release();
  const cleverTools = path.join(world.dir, 'clever-tools.json');
  writeFileSync(cleverTools, JSON.stringify({ version: 1, profiles: [{ alias: 'work', token: held.token, secret: held.secret }] }));
  // A service token Tessera created (as the window does), for the whole organisation.
  await world.services().cleverCloud.serviceTokens.create(ccConsole.id, acme.id, { name: 'audit', role: 'DEVELOPER', appId: null, ttlSeconds: 3600 });
  world.release();
  ccOwn = await world.seedCleverCloudOwnConsumer();
  saas = await world.seedSaasus(undefined, { expired: true });
  await world.startAgent();
  await recordTraffic();

  // A session of commands: grants typed on a terminal, hand-outs, refusals, mistakes, listings.
  const granted = await world.runInPty(`tessera grant ${ccConsole.id} 2>grant.err; tessera grant ${saas.id} 2>>grant.err`, [
    ['Type yes', 'yes\n'],
    ['Type yes', 'yes\n'],
  ]);
  expect(granted.answered).toBe(2);
  stderrs.push(readFileSync(path.join(world.dir, 'grant.err'), 'utf8'));
  for (const kind of ['authorization-header', 'env-lines', 'clever-tools-profile', 'clever-tools-3', 'clever-tools-4', 'api-token']) expect(await run(['token', ccConsole.id, '--kind', kind])).toBe(0);
  for (const kind of ['access-token', 'id-token', 'authorization-header']) expect(await run(['token', saas.id, '--kind', kind, '--min-valid', '2h'])).toBe(0);
  expect(await run(['env', ccConsole.id, saas.id])).toBe(0);
  expect(await run(['exec', ccConsole.id, saas.id, '--', 'true'])).toBe(0);
  expect(await run(['token', ccConsole.id, '--kind', 'service-token', '--org', 'Acme'])).toBe(0);
  const git = await world.run(['git-credential', 'get'], { input: `protocol=http\nhost=${new URL(world.cleverCloud.server.url).host}\npath=${acme.applications[0]!.id}.git\n\n` });
  expect(git.stdout).toMatch(/^username=biscuit_/);
  stderrs.push(git.stderr);
  expect(await run(['token', ccConsole.id, '--kind', 'service-token', '--org', 'Globex'])).toBe(2);
  const once = await world.runInPty(`tessera token ${ccOwn.id} > once.txt 2> once.err`, [['Allow?', 'o\n']]);
  expect(once.code).toBe(0);
  stderrs.push(readFileSync(path.join(world.dir, 'once.err'), 'utf8'));
  expect(await run(['token', ccOwn.id])).toBe(4);
  expect(await run(['exec', ccConsole.id, ccOwn.id, '--', 'true'])).toBe(2);
  expect(await run(['token', 'Ada Demo'])).toBe(2);
  expect(await run(['token', saas.id, '--kind', 'env-lines'])).toBe(2);
  expect(await run(['list'])).toBe(0);
  expect(await run(['status', '--json'])).toBe(0);
  expect(await run(['grants'])).toBe(0);
  // Adding accounts: a clever-tools file, the environment (refused and accepted), a login nobody finishes.
  expect(await run(['import', 'clever-tools', '--file', cleverTools])).toBe(0);
  expect(await run(['import', 'clever-tools', '--file', cleverTools, '--profile', 'other'])).toBe(2);
  const fromEnv = { ...world.env, CLEVER_TOKEN: held.token, CLEVER_SECRET: held.secret };
  expect(await run(['import', 'clever-cloud', '--from-env'], { ...fromEnv, API_HOST: 'http://api.example.org' })).toBe(2);
  expect(await run(['import', 'clever-cloud', '--from-env'], fromEnv)).toBe(0);
  expect(await run(['login', 'clever-cloud', '--timeout', '1s'])).toBe(1);
  mkdirSync(path.join(world.dir, 'audit'), { recursive: true });
}, 120_000);
afterAll(async () => {
  proxy?.close();
  await world.cleanup();
});

/** Every secret the emulators issued, in the forms a leak could take. */
function secretForms(): string[] {
  // The Clever Cloud password too: it goes to the bridge once, from the process that creates a token, and nowhere else.
  const secrets = [...world.cleverCloud.issuedSecrets(), ...world.saasus.issuedSecrets(), world.cleverCloud.config.user.password].filter((s) => s.length >= 8);
  const forms = new Set<string>();
  for (const s of secrets) {
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString('base64'));
    forms.add(Buffer.from(s).toString('base64url'));
  }
  return [...forms];
}

function hits(text: string, forms: readonly string[]): string[] {
  return forms.filter((f) => text.includes(f));
}

describe('secrets audit of a command-line session', () => {
  it('audits something: secrets were issued and handed out, traffic was recorded', () => {
    expect(secretForms().length).toBeGreaterThan(20);
    expect(traffic.filter((t) => t.from === 'agent').length).toBeGreaterThan(20);
    expect(world.handoutLog().filter((e) => e.event === 'hand-out').length).toBeGreaterThanOrEqual(12);
  });

  it('no secret in any command’s stderr, the agent’s log, the hand-out log or the metadata file', () => {
    const forms = secretForms();
    expect(hits(stderrs.join('\n'), forms)).toEqual([]);
    expect(hits(world.agentLog(), forms)).toEqual([]);
    expect(hits(readFileSync(path.join(world.dir, 'tessera-handouts.jsonl'), 'utf8'), forms)).toEqual([]);
    expect(hits(readFileSync(path.join(world.dir, 'tessera-metadata.json'), 'utf8'), forms)).toEqual([]);
  });

  it('on the socket, secrets appear only in the answers to the token and env requests that asked for them', () => {
    const forms = secretForms();
    const connections = new Map<number, { command: string; agent: string }>();
    for (const t of traffic) {
      const c = connections.get(t.connection) ?? { command: '', agent: '' };
      c[t.from] += t.text;
      connections.set(t.connection, c);
    }
    let answersWithSecrets = 0;
    for (const { command, agent } of connections.values()) {
      // Nothing the command sends carries a provider secret (the session key is the agent's own),
      // but the environment's token and secret it imports.
      const lines = command.split('\n').filter(Boolean);
      for (const line of lines) if (hits(line, forms).length > 0) expect(JSON.parse(line)).toMatchObject({ t: 'req', m: 'importCleverCloudEnv' });
      const requests = lines.map((l) => JSON.parse(l) as { t: string; id?: number; m?: string });
      const asked = new Map(requests.filter((r) => r.t === 'req').map((r) => [r.id!, r.m!]));
      for (const line of agent.split('\n').filter(Boolean)) {
        const frame = JSON.parse(line) as { t: string; id?: number; ok?: boolean };
        if (hits(line, forms).length === 0) continue;
        expect(frame).toMatchObject({ t: 'res', ok: true });
        expect(['token', 'env', 'serviceToken', 'gitCredential']).toContain(asked.get(frame.id!));
        answersWithSecrets += 1;
      }
    }
    // 9 tokens by grant (the API token among them), env, exec, the one typed "once", a service token, git's credential.
    expect(answersWithSecrets).toBe(14);
  });
});
