// Builds the `tessera` command and its headless agent into out/cli/ (part of `npm run build`):
//   out/cli/tessera.mjs        the command (package.json "bin"): one file, plain Node ≥ 20
//   out/cli/tessera-agent.mjs  the headless agent the command starts (keytar stays external: a
//                              native module, loaded from node_modules or, in an installed app,
//                              from beside its archive; conf and the services are bundled)
// Bundled so that a command starts by reading one file, not hundreds (the start-up benchmark in
// bench/cli.ts holds it to 1.5 × a bare node start).
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'out/cli');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
  define: { __TESSERA_VERSION__: JSON.stringify(version) },
};

await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(outDir, 'tessera.mjs'),
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(path.join(outDir, 'tessera.mjs'), 0o755);

await build({
  ...common,
  entryPoints: [path.join(root, 'src/main/agent/headless.ts')],
  outfile: path.join(outDir, 'tessera-agent.mjs'),
  external: ['keytar'],
  // Bundled CommonJS dependencies of conf call require().
  banner: { js: "import { createRequire as __tesseraRequire } from 'node:module'; const require = __tesseraRequire(import.meta.url);" },
});
