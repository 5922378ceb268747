// Electron configuration audit for `npm test`: runs @doyensec/electronegativity over src/ (as
// Electron 45, offline) and fails unless every finding is justified by a comment
// `electronegativity: <CHECK_ID>` on the lines just above the code it names. SARIF carries no
// severity, so every finding needs a justification, LOW ones included: stricter than "no finding
// above LOW".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const cli = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js');
const out = path.join(mkdtempSync(path.join(tmpdir(), 'eneg-')), 'report.sarif');
execFileSync(process.execPath, [cli, '-i', 'src', '-e', electronVersion, '-r', '-v', 'false', '-o', out], { stdio: ['ignore', 'ignore', 'ignore'] });

const results = JSON.parse(readFileSync(out, 'utf8')).runs.flatMap((run) => run.results ?? []);
const unjustified = [];
for (const r of results) {
  const loc = r.locations?.[0]?.physicalLocation;
  const file = path.join('src', loc?.artifactLocation?.uri ?? '');
  const line = loc?.region?.startLine ?? 0;
  let justified = false;
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    justified = lines.slice(Math.max(0, line - 5), line).some((l) => l.includes(`electronegativity: ${r.ruleId}`));
  } catch {
    justified = false;
  }
  console.log(`${justified ? 'justified' : 'UNJUSTIFIED'}  ${r.ruleId}  ${file}:${line}`);
  if (!justified) unjustified.push(r.ruleId);
}
console.log(`electronegativity (Electron ${electronVersion}): ${results.length} finding(s), ${unjustified.length} unjustified`);
if (unjustified.length > 0) process.exit(1);
