/**
 * `npm run bench`: measures what users feel, each figure next to the limit it is judged by,
 * measured in the same run. Prints a table and writes bench/results.json.
 *
 *   npm run bench                    every scenario
 *   npm run bench -- --quick         a tiny version that only checks the benchmark still works
 *   npm run bench -- --only=startup  some scenarios (comma-separated names below)
 *   npm run bench -- --strict        exit 1 when a goal is not met
 *
 * Runs inside the private keyring (scripts/with-keyring.sh) like the tests.
 */
import { writeFileSync } from 'node:fs';
import { bundle } from './bundle';
import { cli } from './cli';
import { errorText } from './error-text';
import { machineDescription, table, type Row, type Scenario } from './report';
import { network } from './network';
import { renderer } from './renderer';
import { startup } from './startup';

const scenarios: Record<string, Scenario> = { network, startup, renderer, bundle, errors: errorText, cli };

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const unknown = only?.filter((name) => !(name in scenarios)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${Object.keys(scenarios).join(', ')}.`);
  process.exit(2);
}

const rows: Row[] = [];
for (const [name, scenario] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  const t0 = performance.now();
  process.stderr.write(`bench: ${name}…`);
  rows.push(...(await scenario({ quick })));
  process.stderr.write(` ${Math.round((performance.now() - t0) / 1000)} s\n`);
}

const machine = machineDescription();
console.log(`\nTessera benchmarks${quick ? ' (quick)' : ''}: ${machine}\n`);
console.log(table(rows));
if (!quick && !only) writeFileSync('bench/results.json', JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2));
const unmet = rows.filter((r) => !r.met);
console.log(`\n${rows.length - unmet.length} of ${rows.length} rows meet their goal${unmet.length ? `; not met: ${[...new Set(unmet.map((r) => r.scenario))].join(', ')} (README: why, and what it would take)` : ''}.`);
// The run itself worked; --strict makes an unmet goal fail it too.
process.exitCode = process.argv.includes('--strict') && unmet.length > 0 && !quick ? 1 : 0;
