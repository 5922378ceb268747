/**
 * After the run: the audit's ledger lists real (if throw-away) secrets the emulators issued, so it
 * does not outlive the audit that needed it, unless TESSERA_KEEP_AUDIT=1 keeps it for a re-audit
 * (see global-setup.ts).
 */
import { rmSync } from 'node:fs';
import { AUDIT_LEDGER_DIR } from './harness';

export default function globalTeardown(): void {
  if (process.env.TESSERA_KEEP_AUDIT !== '1') rmSync(AUDIT_LEDGER_DIR, { recursive: true, force: true });
}
