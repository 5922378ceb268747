// `npm run demo`: builds Tessera, starts both emulators on loopback, and runs the built app
// against them, with a data folder and keychain service of its own (`Tessera-demo`) so demo
// accounts never mix with real ones. Stops the emulators when the app quits.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

let electronBinary;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  console.error(
    'Electron is not installed (its binary download was skipped, e.g. with ELECTRON_SKIP_BINARY_DOWNLOAD=1).\n' +
      'Run `npm install` without that variable, then `npm run demo` again. The emulators alone: `npm run emulators`.',
  );
  process.exit(1);
}

console.log('Building Tessera…');
run('npm', ['run', '-s', 'build']);

console.log('Starting the emulators…');
const emulators = spawn(process.execPath, ['--import', 'tsx', 'emulators/cli.ts', '--ready-json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: emulators.stdout });
  lines.once('line', resolve);
  emulators.once('exit', (code) => reject(new Error(`the emulators exited with code ${code}`)));
});
const config = JSON.parse(firstLine);
console.log(`Clever Cloud emulator: ${config.cleverCloud?.baseUrl ?? 'not available'} (API bridge: ${config.cleverCloud?.bridgeUrl ?? 'not available'})`);
console.log(`SaaSus emulator:       ${config.saasus?.baseUrl ?? 'not available'}`);

const app = spawn(electronBinary, ['.'], {
  stdio: 'inherit',
  env: { ...process.env, TESSERA_DEMO: '1', TESSERA_DEMO_CONFIG: firstLine },
});
const stop = () => emulators.kill('SIGTERM');
app.on('exit', (code) => {
  stop();
  process.exit(code ?? 0);
});
process.on('SIGINT', () => app.kill('SIGINT'));
process.on('SIGTERM', () => app.kill('SIGTERM'));
