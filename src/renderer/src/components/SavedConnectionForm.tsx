/**
 * The form of a saved connection (a SaaS connection, a Clever Cloud OAuth consumer), new or edited:
 * the provider's fields as children, then the error and Cancel / save. `save` reads the fields by
 * name and sends them; the saved connection goes to `onSaved`.
 */
import type { JSX } from 'solid-js';
import type { Result } from '../../../shared/errors';
import { createSubmission } from '../state/submission';
import { FieldError, FormActions } from './FormParts';

/** The submitted form's fields, by name. */
export interface FormFields {
  /** The text of each field named. */
  texts<N extends string>(...names: N[]): Record<N, string>;
  /** The text, or undefined when it was left empty (a stored secret kept as it is). */
  optional(name: string): string | undefined;
  number(name: string): number;
}

/** What a provider's form gets: the connection it edits (null: a new one) and where it goes once saved. */
export interface SavedConnectionFormProps<T> {
  readonly saved: T | null;
  readonly onSaved: (connection: T) => void;
  readonly onCancel?: () => void;
}

export function SavedConnectionForm<T>(
  props: SavedConnectionFormProps<T> & { testId: string; submit: string; save: (fields: FormFields) => Promise<Result<T>>; children: JSX.Element },
) {
  const submission = createSubmission();
  async function submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string): string => String(form.get(name) ?? '');
    const fields: FormFields = {
      texts: <N extends string>(...names: N[]) => Object.fromEntries(names.map((name) => [name, text(name)])) as Record<N, string>,
      optional: (name) => text(name) || undefined,
      number: (name) => Number(text(name)),
    };
    const result = await submission.run('submit', () => props.save(fields));
    if (result.ok) props.onSaved(result.value);
  }
  return (
    <form class="form" onSubmit={(e) => void submit(e)} data-testid={props.testId}>
      {props.children}
      <FieldError message={submission.error()} />
      <FormActions submit={props.submit} busy={submission.busy()} onCancel={props.onCancel} />
    </form>
  );
}
