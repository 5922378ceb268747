/**
 * `npm run emulators`: starts every bundled emulator on loopback, in the foreground, and prints
 * their base URLs. Flags:
 *   --print-config   print one JSON object (base URLs and seeded demo credentials) and exit
 *   --ready-json     print that JSON object as the first line, then keep serving (npm run demo)
 *   --<name>-port N  override an emulator's default port (see EMULATORS below)
 */
import { EMULATORS } from './registry';

const args = process.argv.slice(2);
const portOf = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}-port`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`--${name}-port needs a port number`);
  return value;
};

const printOnly = args.includes('--print-config');
const running = await Promise.all(EMULATORS.map((e) => e.start(portOf(e.flag, printOnly ? 0 : e.defaultPort))));
const config = Object.fromEntries(running.map((r, i) => [EMULATORS[i]!.key, r.config]));

if (printOnly) {
  console.log(JSON.stringify(config));
  await Promise.all(running.map((r) => r.close()));
} else {
  if (args.includes('--ready-json')) console.log(JSON.stringify(config));
  else {
    if (running.length === 0) console.log('No emulator is bundled in this build.');
    for (const [i, r] of running.entries()) console.log(`${EMULATORS[i]!.title}: ${r.baseUrl}`);
    console.log('Press Ctrl+C to stop.');
  }
  const stop = (): void => void Promise.all(running.map((r) => r.close())).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep serving even when no emulator is bundled (the demo waits on this process).
  setInterval(() => undefined, 1 << 30);
}
