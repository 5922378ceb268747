import { describe, expect, it } from 'vitest';
import { credentialAnswer, deploymentRequest, parseCredentialInput } from './git-credential';

const app = 'app_1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b.git';
const ask = (lines: string[]) => deploymentRequest(parseCredentialInput(`${lines.join('\n')}\n\n`));

describe('git credential protocol', () => {
  it('reads git’s key=value lines up to the blank line, first value winning', () => {
    const fields = parseCredentialInput('protocol=https\nhost=a\nhost=b\nwwwauth[]=Basic realm="x"\n\nprotocol=http\n');
    expect(fields.get('protocol')).toBe('https');
    expect(fields.get('host')).toBe('a');
    expect(fields.get('wwwauth[]')).toBe('Basic realm="x"');
  });

  it('asks the agent only for what can be a Clever Cloud deployment remote', () => {
    expect(ask(['protocol=https', 'host=push-n3-par-clevercloud-customers.services.clever-cloud.com', `path=${app}`])).toMatchObject({ protocol: 'https' });
    expect(ask(['protocol=http', 'host=127.0.0.1:47801', `path=${app}`])).toMatchObject({ protocol: 'http', host: '127.0.0.1:47801' });
    expect(ask(['protocol=https', 'host=github.com', 'path=owner/repo.git'])).toBeNull();
    expect(ask(['protocol=https', 'host=github.com', `path=${app}`])).toBeNull();
    expect(ask(['protocol=https', 'host=push.services.clever-cloud.com.evil.example', `path=${app}`])).toBeNull();
    expect(ask(['protocol=http', 'host=push.services.clever-cloud.com', `path=${app}`])).toBeNull();
    expect(ask(['protocol=https', 'host=push.services.clever-cloud.com'])).toBeNull();
    expect(ask(['protocol=ssh', 'host=127.0.0.1', `path=${app}`])).toBeNull();
  });

  it('answers with the token as the user name and a password Clever Cloud ignores', () => {
    expect(credentialAnswer('biscuit_x')).toBe('username=biscuit_x\npassword=x-tessera-unused\n');
  });
});
