import { describe, expect, it } from 'vitest';
import { deploymentApp } from './deployment-remote';

const REAL = 'https://api.clever-cloud.com/v2';
const app = 'app_1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';

describe('deploymentApp', () => {
  it('names the application of a Clever Cloud push remote over HTTPS', () => {
    expect(deploymentApp(REAL, { protocol: 'https', host: 'push-n3-par-clevercloud-customers.services.clever-cloud.com', path: `${app}.git` })).toBe(app);
    expect(deploymentApp(REAL, { protocol: 'https', host: 'push-par-clevercloud-customers.services.clever-cloud.com:443', path: `/${app}.git` })).toBe(app);
  });

  it('gives nothing to another host, to plain HTTP, to another port, or without the path', () => {
    expect(deploymentApp(REAL, { protocol: 'https', host: 'github.com', path: `${app}.git` })).toBeNull();
    expect(deploymentApp(REAL, { protocol: 'https', host: 'clever-cloud.com.evil.example', path: `${app}.git` })).toBeNull();
    expect(deploymentApp(REAL, { protocol: 'https', host: 'evilclever-cloud.com', path: `${app}.git` })).toBeNull();
    expect(deploymentApp(REAL, { protocol: 'http', host: 'push.services.clever-cloud.com', path: `${app}.git` })).toBeNull();
    expect(deploymentApp(REAL, { protocol: 'https', host: 'push.services.clever-cloud.com:8443', path: `${app}.git` })).toBeNull();
    expect(deploymentApp(REAL, { protocol: 'https', host: 'push.services.clever-cloud.com', path: null })).toBeNull();
    expect(deploymentApp(REAL, { protocol: 'https', host: 'push.services.clever-cloud.com', path: 'owner/repo.git' })).toBeNull();
  });

  it('an account on another API (the emulator): that origin only', () => {
    const emu = 'http://127.0.0.1:47801/v2';
    expect(deploymentApp(emu, { protocol: 'http', host: '127.0.0.1:47801', path: `${app}.git` })).toBe(app);
    expect(deploymentApp(emu, { protocol: 'http', host: '127.0.0.1:47802', path: `${app}.git` })).toBeNull();
    expect(deploymentApp(emu, { protocol: 'https', host: 'push.services.clever-cloud.com', path: `${app}.git` })).toBeNull();
  });
});
