/**
 * `npm run demo`: the app against the bundled emulators. The emulators' --print-config JSON comes
 * in TESSERA_DEMO_CONFIG; this seeds what a newcomer would otherwise type (the demo SaaS
 * connection), so that "Add account" works at once. Seeding is idempotent.
 */
import * as v from 'valibot';
import type { SaasusConnections } from './providers/saasus/connections';

const DemoConfigSchema = v.object({
  cleverCloud: v.optional(v.object({ baseUrl: v.string(), consoleUrl: v.string(), bridgeUrl: v.optional(v.string()) })),
  saasus: v.optional(
    v.object({
      baseUrl: v.string(),
      loginUrl: v.string(),
      saasId: v.string(),
      apiKey: v.string(),
      secretKey: v.string(),
      callbackUrl: v.string(),
    }),
  ),
});
export type DemoConfig = v.InferOutput<typeof DemoConfigSchema>;

/** Parses the emulators' config; undefined (and a warning) when it is not what they print. */
export function parseDemoConfig(text: string | undefined): DemoConfig | undefined {
  if (!text) return undefined;
  try {
    const parsed = v.safeParse(DemoConfigSchema, JSON.parse(text));
    if (parsed.success) return parsed.output;
  } catch {
    // fall through
  }
  console.warn('TESSERA_DEMO_CONFIG is not the emulators’ --print-config JSON; starting without demo connections.');
  return undefined;
}

export async function seedDemo(config: DemoConfig, connections: SaasusConnections): Promise<void> {
  const s = config.saasus;
  if (s && !(await connections.list()).some((c) => c.saasId === s.saasId && c.apiBaseUrl === s.baseUrl)) {
    await connections.save({
      name: 'Demo SaaS (emulator)',
      saasId: s.saasId,
      apiKey: s.apiKey,
      secretKey: s.secretKey,
      apiBaseUrl: s.baseUrl,
      loginUrl: s.loginUrl,
      callbackPort: Number(new URL(s.callbackUrl).port),
    });
  }
}
