/**
 * The SaaSus emulator in a process of its own, for the network benchmark (bench/network.ts forks
 * this file). Why not in-process, like the tests: at 1,000 accounts the emulator signs and checks
 * thousands of RS256 tokens and HMAC signatures, and that CPU would land on the same event loop
 * whose timings the benchmark reads. In a child process it runs on the machine's other core, as
 * a real provider runs on another machine, and the only thing the client waits for is the
 * network round trip plus the injected latency L.
 *
 * The parent talks to it over the fork IPC channel: temp codes for seeding logins (what the hosted
 * login page would hand out), latency, token lifetimes and the refresh count. Every token the
 * benchmark stores is one this emulator really issued.
 */
import { startSaasusEmulator, type SaasusEmulatorConfig, type SaasusLifetimes } from '../emulators/saasus/server';

export interface HostOptions {
  /** Numbered users beside the demo ones (`user-0001@example.com`, …). */
  readonly extraUsers: number;
  readonly lifetimes?: Partial<SaasusLifetimes>;
}

export type HostRequest =
  | { readonly op: 'tempCodes'; readonly emails: readonly string[] }
  | { readonly op: 'latency'; readonly ms: number }
  | { readonly op: 'lifetimes'; readonly lifetimes: Partial<SaasusLifetimes> }
  | { readonly op: 'refreshCalls' }
  /** From now on every credentials call fails at once with a 503 (ends a run cut short), or no more. */
  | { readonly op: 'refuseCredentials'; readonly refuse: boolean };

export type HostMessage =
  | { readonly type: 'ready'; readonly config: SaasusEmulatorConfig }
  | { readonly type: 'answer'; readonly id: number; readonly value?: unknown; readonly error?: string };

async function main(send: (message: HostMessage) => void): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as HostOptions;
  const emulator = await startSaasusEmulator({ extraUsers: options.extraUsers, lifetimes: options.lifetimes });
  const answer = (request: HostRequest): unknown => {
    switch (request.op) {
      case 'tempCodes':
        return request.emails.map((email) => emulator.issueTempCode(email));
      case 'latency':
        emulator.server.latencyMs = request.ms;
        return null;
      case 'lifetimes':
        emulator.setLifetimes(request.lifetimes);
        return null;
      case 'refreshCalls':
        return emulator.refreshCalls();
      case 'refuseCredentials':
        if (request.refuse) emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, path: '/credentials' });
        else emulator.server.faults.clear();
        return null;
    }
  };
  process.on('message', (message: { id: number; request: HostRequest }) => {
    try {
      send({ type: 'answer', id: message.id, value: answer(message.request) });
    } catch (error) {
      send({ type: 'answer', id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent's exit closes the channel: go with it.
  process.on('disconnect', () => void emulator.close().finally(() => process.exit(0)));
  send({ type: 'ready', config: emulator.config });
}

if (process.send) {
  const send = process.send.bind(process);
  void main((message) => void send(message)).catch((error: unknown) => {
    console.error('emulator host failed:', error);
    process.exit(1);
  });
}
