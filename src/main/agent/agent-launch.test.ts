import { describe, expect, it } from 'vitest';
import { AGENT_IDLE_MS, agentLaunch } from './agent-launch';

const hostile = {
  TESSERA_DATA_DIR: '/tmp/attacker',
  TESSERA_KEYCHAIN_SERVICE: 'Attacker',
  TESSERA_DEMO: '1',
  TESSERA_DEMO_CONFIG: JSON.stringify({ cleverCloud: { baseUrl: 'https://attacker.example', consoleUrl: 'https://attacker.example' } }),
  TESSERA_AGENT_IDLE_MS: '999999999',
  XDG_RUNTIME_DIR: '/run/user/1000',
};

describe('agentLaunch', () => {
  it('packaged: the user’s own data folder, keychain and agent, whatever the environment says', () => {
    const launch = agentLaunch(hostile, true, 'linux', '/home/ada', 'ada');
    expect(launch.location).toMatchObject({ dataDir: '/home/ada/.config/Tessera', socketPath: '/run/user/1000/tessera/agent.sock' });
    expect(launch).toMatchObject({ keychainService: undefined, demo: false, demoConfig: undefined, idleExitMs: AGENT_IDLE_MS, appDataFolder: true });
    expect([...launch.ignored].sort()).toEqual(['TESSERA_AGENT_IDLE_MS', 'TESSERA_DATA_DIR', 'TESSERA_DEMO', 'TESSERA_DEMO_CONFIG', 'TESSERA_KEYCHAIN_SERVICE']);
  });

  it('from a source checkout: a test’s data folder (its agent beside it), keychain service and idle time', () => {
    const launch = agentLaunch({ TESSERA_DATA_DIR: '/tmp/t', TESSERA_KEYCHAIN_SERVICE: 'Tessera-test-x', TESSERA_AGENT_IDLE_MS: '5000', XDG_RUNTIME_DIR: '/run/user/1000' }, false, 'linux', '/home/ada');
    expect(launch.location).toMatchObject({ dataDir: '/tmp/t', agentDir: '/tmp/t/agent' });
    expect(launch).toMatchObject({ keychainService: 'Tessera-test-x', idleExitMs: 5000, appDataFolder: false, ignored: [] });
  });

  it('the demo: its own folder, keychain service and agent', () => {
    const launch = agentLaunch({ TESSERA_DEMO: '1', XDG_RUNTIME_DIR: '/run/user/1000' }, false, 'linux', '/home/ada');
    expect(launch.location).toMatchObject({ dataDir: '/home/ada/.config/Tessera/demo', agentDir: '/home/ada/.config/Tessera/demo/agent' });
    expect(launch).toMatchObject({ keychainService: 'Tessera-demo', demo: true, appDataFolder: true });
  });

  it('ignores an idle time that is not a number of milliseconds', () => {
    expect(agentLaunch({ TESSERA_AGENT_IDLE_MS: '5m' }, false, 'linux', '/h').idleExitMs).toBe(AGENT_IDLE_MS);
  });
});
