/**
 * vitest for the mutation run only (stryker.config.mjs, scripts/mutation.mjs).
 *
 * - Tests: only the test files of the module being mutated (TESSERA_MUTATION_TESTS, set by
 *   stryker.config.mjs), so that each module is judged by its own tests. They are set as each
 *   project's `include`, not the root's: a project that `extends` the root adds its own patterns to
 *   the root's, so a root `include` ran every test file, and Stryker's "related" filter then picked
 *   every test that imports the module (the crash tests and the integration tests among them).
 * - Pool: Stryker's vitest runner forces vitest's `threads` pool; keytar loaded by a second worker
 *   thread of one process registers its GLib types twice, which hangs or crashes the run
 *   (SIGSEGV). The plugin below puts every project back on the `forks` pool, as `npm test` runs
 *   it: one child process per test file, keytar loaded once in each, fresh modules for every run
 *   (Stryker's static mutants need that). Stryker's setup file reports coverage and hit counts
 *   through the tasks' metadata, which crosses processes as well.
 * - A test file that cannot even load under a mutant (a module-level constant mutated into
 *   something that throws on import) fails `npm test`; Stryker 9.6's vitest runner sees no test
 *   in it and would call the mutant "survived". The reporter below reports such a file as one
 *   failed test, "the test file loads", carrying the file's own error.
 */
import type { RunnerTask, RunnerTestCase, RunnerTestFile } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

const tests: unknown = JSON.parse(process.env.TESSERA_MUTATION_TESTS ?? 'null');
if (!Array.isArray(tests) || tests.length === 0) throw new Error('vitest.mutation.config.ts runs under `npm run mutation` only (TESSERA_MUTATION_TESTS is not set).');

const forksPool: Plugin = {
  name: 'tessera:mutation-forks-pool',
  configureVitest({ project }) {
    project.config.pool = 'forks';
  },
};

const hasTest = (task: RunnerTask): boolean => task.type === 'test' || (task.type === 'suite' && task.tasks.some(hasTest));

function loadFailuresAsTests(): Reporter {
  let vitest: Vitest | undefined;
  return {
    onInit(ctx) {
      vitest = ctx;
    },
    onTestRunEnd() {
      for (const file of vitest?.state.getFiles() ?? []) {
        if (file.result?.state !== 'fail' || file.tasks.some(hasTest)) continue;
        const failed: RunnerTestCase = {
          type: 'test',
          id: `${file.id}_loads`,
          name: 'the test file loads',
          fullName: `${file.name} > the test file loads`,
          fullTestName: 'the test file loads',
          mode: 'run',
          file: file as RunnerTestFile,
          suite: file,
          meta: {},
          context: undefined as never,
          timeout: 0,
          annotations: [],
          artifacts: [],
          result: { state: 'fail', errors: file.result.errors },
        };
        file.tasks.push(failed);
      }
    },
  };
}

/** The renderer project's files (vitest.config.ts); every other test file is the node project's. */
const isRendererTest = (file: string): boolean => file.startsWith('src/renderer/');
const projects = (base.test?.projects ?? []).flatMap((project) => {
  if (typeof project !== 'object' || !('test' in project)) throw new Error('vitest.mutation.config.ts: vitest.config.ts projects are expected inline.');
  const renderer = project.test?.name === 'renderer';
  const include = (tests as string[]).filter((file) => isRendererTest(file) === renderer);
  return include.length === 0 ? [] : [{ ...project, test: { ...project.test, include } }];
});

export default defineConfig({
  ...base,
  plugins: [forksPool],
  test: { ...base.test, projects, reporters: ['default', loadFailuresAsTests()] },
});
