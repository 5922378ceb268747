// Builds the `tessera` command and its headless agent into out/cli/ (part of `npm run build`):
//   out/cli/tessera.cjs        the command (package.json "bin"): one file, plain Node ≥ 20
//   out/cli/tessera-agent.cjs  the headless agent the command starts (keytar stays external: a
//                              native module, loaded from node_modules or, in an installed app,
//                              from beside its archive; conf and the services are bundled)
// One file each, so that a command starts by reading one file, not hundreds; CommonJS, which Node
// loads a few milliseconds faster than an ES module (bench/cli.ts holds the command's start to
// 1.5 × a bare node start, the agent's to 4 ×).
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outDir = path.join(root, 'out/cli');
rmSync(outDir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
  // The sources are ES modules; in the CommonJS bundle their directory is __dirname.
  define: { __TESSERA_VERSION__: JSON.stringify(version), 'import.meta.dirname': '__dirname' },
};

await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(outDir, 'tessera.cjs'),
  banner: { js: '#!/usr/bin/env node' },
});
chmodSync(path.join(outDir, 'tessera.cjs'), 0o755);

// conf imports a JSON-schema validator and semver for options Tessera never gives it: left out of
// the agent (scripts/conf-unused.mjs), which then starts in about half the time.
const unused = path.join(root, 'scripts/conf-unused.mjs');
await build({
  ...common,
  entryPoints: [path.join(root, 'src/main/agent/headless.ts')],
  outfile: path.join(outDir, 'tessera-agent.cjs'),
  external: ['keytar'],
  alias: { 'ajv/dist/2020.js': unused, 'ajv-formats': unused, semver: unused },
});
