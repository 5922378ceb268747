// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The only files that may import electron: the composition root and thin adapters. */
const ELECTRON_ADAPTERS = ['src/main/index.ts', 'src/main/electron/**/*.ts', 'src/preload/index.ts'];
/** The only files that may touch raw IPC: the two binding files. */
const IPC_BINDINGS = ['src/main/electron/ipc-main.ts', 'src/preload/index.ts'];

const electronImport = {
  name: 'electron',
  message: 'Only the adapter files (src/main/index.ts, src/main/electron/*, src/preload/index.ts) may import electron; use a port from src/main/desktop/ports.ts.',
};
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in src/main/electron/ipc-main.ts and src/preload/index.ts; declare a channel in src/shared/contract.ts instead.',
};

/**
 * Product code (src/, tests aside) never imports test infrastructure: the emulators, the test helpers,
 * the end-to-end harness or the benchmark. Tests may import product code, never the other way round.
 */
const testInfrastructure = {
  patterns: [
    {
      group: ['**/test/**', '**/emulators/**', '**/e2e/**', '**/bench/**'],
      message: 'Product code (src/) must not import test infrastructure (test/, emulators/, e2e/, bench/).',
    },
  ],
};

/**
 * The emulators stand for the real services, so they must not run the product's code: a mistake in
 * a client would be mirrored by its emulator, and pass. At runtime they may import only the pure
 * signing primitives (OAuth 1.0a encoding, base string and signatures; SAASUSSIGV1), which public
 * test vectors pin down; types are fine. Their tests may use the product (they test the emulators
 * against the real clients).
 */
const SIGNING_PRIMITIVES = ['src/main/providers/clever-cloud/oauth1', 'src/main/providers/saasus/signature'];
const emulatorIndependence = {
  patterns: [
    {
      // Any path into src/ but the two modules (a regular expression: a glob cannot re-include a file under an excluded folder).
      regex: `/src/(?!(?:${SIGNING_PRIMITIVES.map((module) => module.slice('src/'.length)).join('|')})$)`,
      allowTypeImports: true,
      message: `Emulators import nothing from the product at runtime but its signing primitives (${SIGNING_PRIMITIVES.join('.ts, ')}.ts): keep the service's own facts and logic in emulators/.`,
    },
  ],
};

/**
 * Every word a person reads in the window comes from the catalogue (src/shared/i18n/catalogue/,
 * through `useI18n().t`): no letters in JSX text, nor in string or template literals given to the
 * attributes people read (`aria-label`, `title`, `placeholder`, `alt`, `label`), nor as a JSX child.
 * Punctuation and symbols ("·", "—", "×", "✕") are fine. A literal passed to a call (`t('ns.key')`) or
 * compared (`kind === 'error'`) is not text. test/lint/user-visible-strings.test.ts proves it fires.
 */
const LETTER = '/\\p{L}/u';
const READ_ATTRIBUTES = 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label)$/]';
const NOT_TEXT = ':not(CallExpression > Literal, BinaryExpression > Literal, SwitchCase > Literal)';
const TEXT_MESSAGE = 'Words a person reads come from the catalogue: t(\'namespace.key\') (src/shared/i18n/catalogue/, src/renderer/src/i18n.tsx).';
const userVisibleStrings = [
  { selector: `JSXText[value=${LETTER}]`, message: TEXT_MESSAGE },
  { selector: `${READ_ATTRIBUTES} Literal[value=${LETTER}]${NOT_TEXT}`, message: TEXT_MESSAGE },
  { selector: `${READ_ATTRIBUTES} TemplateElement[value.raw=${LETTER}]`, message: TEXT_MESSAGE },
  { selector: `JSXElement > JSXExpressionContainer > Literal[value=${LETTER}]`, message: TEXT_MESSAGE },
  { selector: `JSXElement > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=${LETTER}]`, message: TEXT_MESSAGE },
  { selector: `JSXFragment > JSXExpressionContainer > Literal[value=${LETTER}]`, message: TEXT_MESSAGE },
];

export default tseslint.config(
  { ignores: ['out/**', '.stryker-tmp/**', 'reports/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronImport] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  { files: ELECTRON_ADAPTERS, rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] } },
  { files: IPC_BINDINGS, rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': ['error', { name: 'require', message: 'The renderer has no Node.' }, { name: 'process', message: 'The renderer has no Node.' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '**/main/**', '**/preload/**'], message: 'The renderer talks to main only through window.tessera.' }], paths: [electronImport] }],
      // One place reads the bridge (main.tsx, into the TesseraProvider of src/renderer/src/tessera.tsx):
      // everything else takes it from useTessera(), so that a test can provide another.
      'no-restricted-properties': ['error', { object: 'window', property: 'tessera', message: 'Take the bridge from useTessera() (src/renderer/src/tessera.tsx).' }],
    },
  },
  { files: ['src/renderer/src/main.tsx'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: ['src/renderer/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...userVisibleStrings] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', testInfrastructure] },
  },
  {
    files: ['emulators/**/*.ts'],
    ignores: ['emulators/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', emulatorIndependence] },
  },
  { files: ['scripts/**/*.mjs', 'bench/**/*.ts', 'emulators/cli.ts', 'scripts/**/*.ts'], rules: { 'no-console': 'off' } },
);
