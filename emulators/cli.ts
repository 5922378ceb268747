/**
 * `npm run emulators`: starts every bundled emulator on loopback, in the foreground, and prints
 * their base URLs. Flags:
 *   --print-config   print one JSON object (base URLs and seeded demo credentials) and exit
 *   --ready-json     print that JSON object as the first line, then keep serving (npm run demo)
 *   --<name>-port N  override an emulator's default port (see EMULATORS below)
 *
 * --print-config describes what `npm run emulators` with the same port flags serves: the default
 * ports, or the flags' values. It starts nothing (an emulator's seeded data is fixed, so its config
 * follows from its port), which is what makes it useful next to emulators that are already running
 * on those ports. Port 0 ("any free port") is known only once serving: use --ready-json for that.
 */
import { EMULATORS } from './registry';

const args = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const portOf = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}-port`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (args[i + 1] === undefined || !Number.isInteger(value) || value < 0 || value > 65535) fail(`--${name}-port needs a port number (0 to 65535).`);
  return value;
};
const ports = EMULATORS.map((e) => portOf(e.flag, e.defaultPort));

if (args.includes('--print-config')) {
  const free = EMULATORS.filter((_, i) => ports[i] === 0).map((e) => `--${e.flag}-port 0`);
  if (free.length > 0) fail(`--print-config cannot know the port that ${free.join(' and ')} will pick: use --ready-json, which prints it once serving.`);
  console.log(JSON.stringify(Object.fromEntries(EMULATORS.map((e, i) => [e.key, e.config(ports[i]!)]))));
} else {
  const running = await Promise.all(EMULATORS.map((e, i) => e.start(ports[i]!)));
  if (args.includes('--ready-json')) console.log(JSON.stringify(Object.fromEntries(running.map((r, i) => [EMULATORS[i]!.key, r.config]))));
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
