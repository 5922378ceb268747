/**
 * Scenario 6: gzip size of the renderer bundle's JS and CSS (goal: JS ≤ 60 kB), of the production
 * build made from the sources in this run (e2e/harness/harness-build.ts). The JS counted is what one
 * window can load: the entry, every chunk it loads later (the Clever Cloud token panels), and its
 * language, one of the `lang-*` chunks (src/renderer/src/i18n.tsx loads one; the largest counts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp } from '../e2e/harness/harness-build';
import { round, type Row, type Scenario } from './report';

const JS_BUDGET_KB = 60;

export const bundle: Scenario = async () => {
  await buildApp();
  const dir = path.resolve('out/renderer/assets');
  let code = 0;
  let language = 0;
  let css = 0;
  for (const f of readdirSync(dir)) {
    const gz = gzipSync(readFileSync(path.join(dir, f))).byteLength;
    if (f.endsWith('.js') && f.startsWith('lang-')) language = Math.max(language, gz);
    else if (f.endsWith('.js')) code += gz;
    if (f.endsWith('.css')) css += gz;
  }
  if (language === 0) throw new Error('No lang-* chunk in out/renderer/assets: the language chunks are named in electron.vite.config.ts.');
  const js = code + language;
  const rows: Row[] = [
    {
      scenario: 'renderer bundle (gzip)',
      size: 'JS',
      figures: { kB: round(js / 1024), codeKB: round(code / 1024), languageKB: round(language / 1024) },
      limit: `${JS_BUDGET_KB} kB budget`,
      ratio: round(js / 1024 / JS_BUDGET_KB),
      goal: 'ratio ≤ 1',
      met: js / 1024 <= JS_BUDGET_KB,
    },
    { scenario: 'renderer bundle (gzip)', size: 'CSS', figures: { kB: round(css / 1024) }, limit: 'none', ratio: 0, goal: 'reported', met: true },
  ];
  return rows;
};
