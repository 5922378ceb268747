/**
 * The lint rule of eslint.config.js that keeps every word a person reads in the catalogue: it fires
 * on English written into JSX text or into the attributes people read, and stays quiet on words
 * taken from the catalogue with t() and on punctuation.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** The messages of the rule for a component written at a path the rule covers. */
async function flagged(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, 'src/renderer/src/components/LintFixture.tsx') });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => source.split('\n')[m.line - 1]!.trim());
}

const component = (body: string): string => `import { useI18n } from '../i18n';
export function LintFixture(props: { kind: string; n: number }) {
  const { t } = useI18n();
  void props;
  return (
${body}
  );
}
`;

describe('the lint rule: no user-visible string outside the catalogue', () => {
  it('fires on English in JSX text, in read attributes (string or template), and as a JSX child', async () => {
    const lines = await flagged(
      component(`    <div>
      <p>Copy the token</p>
      <button aria-label="Close">✕</button>
      <input placeholder={\`Filter \${props.n}\`} />
      <img alt="Avatar" src="a.png" />
      <span title={props.n > 1 ? 'Several' : 'One'}>{'Literal child'}</span>
      <option label="English" />
      <p>日本語</p>
    </div>`),
    );
    expect(lines).toEqual([
      '<p>Copy the token</p>',
      '<button aria-label="Close">✕</button>',
      '<input placeholder={`Filter ${props.n}`} />',
      '<img alt="Avatar" src="a.png" />',
      "<span title={props.n > 1 ? 'Several' : 'One'}>{'Literal child'}</span>",
      "<span title={props.n > 1 ? 'Several' : 'One'}>{'Literal child'}</span>",
      "<span title={props.n > 1 ? 'Several' : 'One'}>{'Literal child'}</span>",
      '<option label="English" />',
      '<p>日本語</p>',
    ]);
  });

  it('stays quiet on t(…), on punctuation and symbols, and on attributes nobody reads', async () => {
    const lines = await flagged(
      component(`    <div data-testid="fixture" class="row">
      <p>{t('common.close')}</p>
      <button aria-label={t('common.dismiss')} title={props.kind === 'error' ? t('common.retry') : t('common.close')}>
        <span aria-hidden="true">✕</span>
      </button>
      <span>{' '}·{' '}—{' '}×</span>
      <p>{props.n}</p>
    </div>`),
    );
    expect(lines).toEqual([]);
  });
});
