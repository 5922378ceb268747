import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload is one CommonJS file that may require nothing but `electron`.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [solid()],
    build: {
      outDir: 'out/renderer',
      // Minified: the window's 60 kB (gzip) budget (bench/bundle.ts) holds the entry, the panels it
      // loads later and one language; a third of the unminified bundle was comments.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
        // Each language's words are a chunk named after it (lang-ja-….js), so the budget can count
        // one language, as a window loads (src/renderer/src/i18n.tsx).
        output: {
          chunkFileNames: (chunk) => {
            const language = /catalogue[\\/](\w+)[\\/]window\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
            return language ? `assets/lang-${language}-[hash].js` : 'assets/[name]-[hash].js';
          },
        },
      },
    },
  },
});
