/**
 * The app as the agent (app-agent.ts): the real `tessera` command (built into out/cli) against the
 * app's real services over the test's keychain and the Clever Cloud emulator; the window's answer
 * goes through the IPC router, as the window sends it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/channels';
import type { ApprovalRequest, GrantView } from '../../shared/types';
import type { Result } from '../../shared/errors';
import { agentPids, alive, makeCliWorld, until, type CliWorld } from '../../../test/cli/support/cli-world';
import { agentLocation } from './agent-paths';
import { startAppAgent, type AppAgent } from './app-agent';

const window = { isMainFrame: true, url: 'app://tessera/index.html' };
let world: CliWorld | undefined;
let agent: AppAgent | undefined;
afterEach(async () => {
  await agent?.stop();
  agent?.services.scheduler.stop();
  agent?.services.cleverCloud.retired.stop();
  agent = undefined;
  await world?.cleanup();
  world = undefined;
});

async function startApp(w: CliWorld): Promise<AppAgent> {
  agent = await startAppAgent({
    location: agentLocation({ dataDir: w.dir, ownDataFolder: false, env: {}, platform: process.platform }),
    version: 'test',
    procRoot: '/proc',
    open: () => w.services(),
  });
  return agent;
}

/** The questions the window receives, as the renderer would. */
function questions(a: AppAgent): ApprovalRequest[] {
  const seen: ApprovalRequest[] = [];
  a.services.events.attach((event, payload) => {
    if (event === 'approvalRequested') seen.push(payload as ApprovalRequest);
  });
  return seen;
}

const answer = (a: AppAgent, input: unknown): Promise<Result<unknown>> => a.services.router.dispatch(INVOKE_CHANNELS.answerApproval, input, window);

describe('the app serves the tessera command', () => {
  it('a command without a terminal is asked in the window; "once" hands the token out, "deny" exits 4', async () => {
    world = await makeCliWorld();
    const account = await world.seedCleverCloudOwnConsumer();
    const app = await startApp(world);
    const asked = questions(app);

    const allowed = world.run(['token', account.id, '--kind', 'clever-tools-profile']);
    await until(() => asked.length === 1, 10_000, 'the question in the window');
    const question = asked[0]!;
    expect(question.choices).toEqual(['once', 'deny']);
    // The caller (the process that ran `tessera`: this test), its directory, and the account.
    expect(question.lines.join('\n')).toContain(`pid ${process.pid}`);
    expect(question.lines.join('\n')).toContain(`in ${process.cwd()}`);
    expect(question.lines.join('\n')).toContain(account.subtitle);
    expect(await answer(app, { id: question.id, choice: 'once' })).toEqual({ ok: true, value: null });
    const run = await allowed;
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { token: string }).token).toBe(world.cleverCloud.config.token.token);
    // The question carried no secret.
    expect(JSON.stringify(question)).not.toContain(world.cleverCloud.config.token.token);
    // Answered once: a second answer to it is refused.
    expect(await answer(app, { id: question.id, choice: 'once' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const denied = world.run(['token', account.id]);
    await until(() => asked.length === 2, 10_000, 'the second question');
    expect(await answer(app, { id: asked[1]!.id, choice: 'deny' })).toMatchObject({ ok: true });
    const refused = await denied;
    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe('');
  });

  it('an answer the question did not offer, or a malformed one, approves nothing', async () => {
    world = await makeCliWorld();
    const account = await world.seedCleverCloudOwnConsumer();
    const app = await startApp(world);
    const asked = questions(app);
    const pending = world.run(['token', account.id]);
    await until(() => asked.length === 1, 10_000, 'the question');
    const id = asked[0]!.id;
    expect(await answer(app, { id, choice: 'session' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await answer(app, { id, choice: 'once', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await answer(app, { id: 'x'.repeat(20), choice: 'once' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Quitting the app refuses the question still waiting.
    await app.stop();
    expect((await pending).code).toBe(4);
  });

  it('status says the app serves; quitting revokes the grants and lets go of the socket and key', async () => {
    world = await makeCliWorld();
    const account = await world.seedCleverCloudOwnConsumer();
    const app = await startApp(world);
    const asked = questions(app);
    const status = JSON.parse((await world.run(['status', '--json'])).stdout) as { agent: { kind: string; pid: number } };
    expect(status.agent).toMatchObject({ kind: 'app', pid: process.pid });

    const granted = world.runInPty(`tessera grant ${account.id} --for 1h > /dev/null`, [['Type yes', 'yes\n']]);
    await until(() => asked.length === 1, 10_000, 'the grant question in the window');
    expect(asked[0]!.choices).toEqual(['confirm', 'deny']);
    await answer(app, { id: asked[0]!.id, choice: 'confirm' });
    expect((await granted).code).toBe(0);
    const grants = (await app.services.router.dispatch(INVOKE_CHANNELS.listGrants, undefined, window)) as Result<GrantView[]>;
    expect(grants.ok && grants.value.map((g) => g.accountId)).toEqual([account.id]);
    // Covered by the grant: a script has the token without a question.
    expect((await world.run(['token', account.id])).code).toBe(0);
    expect(asked).toHaveLength(1);

    // Locking the screen revokes the grant: the same script is asked again, and a refusal is exit 4.
    app.lock();
    expect(await app.services.router.dispatch(INVOKE_CHANNELS.listGrants, undefined, window)).toEqual({ ok: true, value: [] });
    const again = world.run(['token', account.id]);
    await until(() => asked.length === 2, 10_000, 'the question after the lock');
    await answer(app, { id: asked[1]!.id, choice: 'deny' });
    expect((await again).code).toBe(4);

    await app.stop();
    expect(existsSync(path.join(world.agentDir, 'agent.sock'))).toBe(false);
    expect(existsSync(path.join(world.agentDir, 'session-key'))).toBe(false);
    const after = (await app.services.router.dispatch(INVOKE_CHANNELS.listGrants, undefined, window)) as Result<GrantView[]>;
    expect(after).toEqual({ ok: true, value: [] });
  });

  it('takes over from a headless agent that runs: its grants carry over and it exits', async () => {
    world = await makeCliWorld();
    const account = await world.seedCleverCloudOwnConsumer();
    const headless = await world.startAgent();
    const grant = await world.runInPty(`tessera grant ${account.id} --for 1h > /dev/null`, [['Type yes', 'yes\n']]);
    expect(grant.code).toBe(0);

    const app = await startApp(world);
    await until(() => !alive(headless), 10_000, 'the headless agent to exit');
    expect(agentPids(world.dir)).toEqual([]);
    const status = JSON.parse((await world.run(['status', '--json'])).stdout) as { agent: { kind: string; pid: number } };
    expect(status.agent).toMatchObject({ kind: 'app', pid: process.pid });
    const grants = (await app.services.router.dispatch(INVOKE_CHANNELS.listGrants, undefined, window)) as Result<GrantView[]>;
    expect(grants.ok && grants.value.map((g) => g.accountId)).toEqual([account.id]);
    // Revoked from Settings: the next script is asked in the window instead.
    const asked = questions(app);
    const id = grants.ok ? grants.value[0]!.id : '';
    expect(await app.services.router.dispatch(INVOKE_CHANNELS.revokeGrant, { id }, window)).toEqual({ ok: true, value: true });
    expect(readFileSync(path.join(world.dir, 'tessera-handouts.jsonl'), 'utf8')).toContain(`"grant-revoked"`);
    const pending = world.run(['token', account.id]);
    await until(() => asked.length === 1, 10_000, 'a question now that the grant is gone');
    await answer(app, { id: asked[0]!.id, choice: 'deny' });
    expect((await pending).code).toBe(4);
  });
});
