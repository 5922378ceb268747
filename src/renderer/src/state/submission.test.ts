/** createSubmission (submission.ts): what the window's forms show while an action runs and after it. */
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import '../../../shared/i18n/all-catalogues';
import type { ErrorInfo, Result } from '../../../shared/errors';
import { useErrorText } from '../error-text';
import { createSubmission, type Submission } from './submission';

const refusal: ErrorInfo = { code: 'invalid_input', message: 'A name cannot be empty.' };
const refused: Result<never> = { ok: false, error: refusal };
/** What the window says for `refusal` (error-text.ts chooses the words). */
const refusedWords = createRoot((dispose) => {
  const words = useErrorText()(refusal);
  dispose();
  return words;
});

/** An action the test finishes when it likes. */
function pending<T>(): { action: () => Promise<Result<T>>; finish: (result: Result<T>) => void } {
  let finish!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (finish = resolve));
  return { action: () => promise, finish };
}

const roots: (() => void)[] = [];
afterEach(() => roots.splice(0).forEach((dispose) => dispose()));

function submission<K extends string>(): Submission<K> {
  return createRoot((dispose) => {
    roots.push(dispose);
    return createSubmission<K>();
  });
}

describe('createSubmission', () => {
  it('is busy while an action runs, for that action only, and answers its result', async () => {
    const form = submission<'test' | 'paste'>();
    const test = pending<string>();
    const running = form.run('test', test.action);
    expect(form.running()).toBe('test');
    expect(form.busy()).toBe(true);
    expect(form.busy('test')).toBe(true);
    expect(form.busy('paste')).toBe(false);
    test.finish({ ok: true, value: 'done' });
    expect(await running).toEqual({ ok: true, value: 'done' });
    expect(form.busy()).toBe(false);
    expect(form.error()).toBeNull();
  });

  it('keeps a failure’s message until the next try, which clears it as it starts', async () => {
    const form = submission();
    expect(await form.run('submit', () => Promise.resolve(refused))).toEqual(refused);
    expect(form.error()).toBe(refusedWords);
    expect(form.busy()).toBe(false);
    const retry = pending<null>();
    const running = form.run('submit', retry.action);
    expect(form.error()).toBeNull();
    retry.finish({ ok: true, value: null });
    await running;
    expect(form.error()).toBeNull();
  });

  it('says whose failure it is, so that a form with several actions shows it next to the one that failed', async () => {
    const form = submission<'file' | 'paste'>();
    await form.run('paste', () => Promise.resolve(refused));
    expect(form.errorFor('paste')).toBe(refusedWords);
    expect(form.errorFor('file')).toBeNull();
    expect(form.failure()?.code).toBe('invalid_input');
    await form.run('file', () => Promise.resolve({ ok: true, value: null }));
    expect(form.errorFor('paste')).toBeNull();
    expect(form.failure()).toBeNull();
  });

  it('shows an error found before sending, until the next run', async () => {
    const form = submission();
    form.setError('Enter a whole number of days from 0 to 365.');
    expect(form.error()).toBe('Enter a whole number of days from 0 to 365.');
    await form.run('submit', () => Promise.resolve({ ok: true, value: null }));
    expect(form.error()).toBeNull();
  });

  it('is not left busy by an action that throws', async () => {
    const form = submission();
    await expect(form.run('submit', () => Promise.reject(new Error('transport gone')))).rejects.toThrow('transport gone');
    expect(form.busy()).toBe(false);
  });
});
