/**
 * Messages between the Playwright side of the harness and the main-process host (a child
 * process running the real services). The child speaks Node's "advanced" IPC serialization, the
 * same structured clone Electron's IPC uses.
 */
import type { Result } from '../../src/shared/errors';
import type { Sender } from '../../src/main/ipc/router';

export type ToHost =
  | { readonly type: 'invoke'; readonly id: number; readonly channel: string; readonly input: unknown; readonly sender: Sender }
  | { readonly type: 'stats' };

export type FromHost =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly channel: string; readonly payload: unknown }
  | { readonly type: 'open-url'; readonly url: string }
  | { readonly type: 'clipboard'; readonly text: string; readonly concealed: boolean }
  | { readonly type: 'notify'; readonly title: string; readonly body: string }
  | { readonly type: 'stats'; readonly keychainReads: number; readonly keychainWrites: number };

export interface HostConfig {
  readonly dataDir: string;
  readonly keychainService: string;
  readonly trustedOrigin: string;
  readonly demo: boolean;
  /** The system's preferred languages the app sees (BCP 47 tags, e.g. ['ja-JP']); English when none. */
  readonly systemLanguages?: readonly string[];
  /** Where Clever Cloud is (the emulator of the test), and how often the console login polls. */
  readonly cleverCloud?: { readonly baseUrl: string; readonly consoleUrl: string; readonly bridgeUrl?: string; readonly pollIntervalMs?: number };
}
