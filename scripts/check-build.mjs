// Checks the built preload: one CommonJS file whose only require is `electron`, as a sandboxed
// preload must be. A bundling change that splits it or pulls in another module fails here.
import { readdirSync, readFileSync } from 'node:fs';

const files = readdirSync('out/preload');
if (files.length !== 1 || files[0] !== 'index.cjs') throw new Error(`out/preload must hold exactly index.cjs, found: ${files.join(', ')}`);
const code = readFileSync('out/preload/index.cjs', 'utf8');
const requires = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const others = requires.filter((r) => r !== 'electron');
if (others.length > 0 || !requires.includes('electron')) throw new Error(`the preload may require only electron; it requires: ${requires.join(', ')}`);
if (/^\s*(import|export)\s/m.test(code) || /\bimport\(/.test(code)) throw new Error('the preload must be CommonJS: no import/export statements');
console.log(`preload: out/preload/index.cjs, requires only electron (${code.length} bytes)`);
