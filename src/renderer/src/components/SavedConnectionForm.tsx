/**
 * The form of a saved connection (a SaaS connection, a Clever Cloud OAuth consumer), new or edited:
 * the provider's fields as children, then Cancel / save. `save` reads the fields by name and sends
 * them; the saved connection goes to `onSaved`.
 *
 * A failure is shown next to the field it is about (`fieldsOf` says which, from the error's code;
 * those fields are marked aria-invalid and point at it), or above the buttons when it is about no
 * field.
 */
import type { JSX } from 'solid-js';
import type { ErrorInfo, Result } from '../../../shared/errors';
import { createSubmission } from '../state/submission';
import { describedBy, FieldError, FormActions } from './FormParts';

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

/** What a field needs to show its error: `attrs(name)` goes on the input, `<Error name>` after it. */
export interface FieldErrors {
  /** aria-invalid and aria-describedby for the input named `name` (with its own hint ids). */
  attrs(name: string, ...hints: string[]): { 'aria-invalid': 'true' | undefined; 'aria-describedby': string | undefined };
  /** The id of `name`'s error while it has one (for StoredSecretField). */
  errorId(name: string): string | null;
  /** The error, when this field is the last of those it concerns. */
  Error(props: { name: string }): JSX.Element;
}

export function SavedConnectionForm<T>(
  props: SavedConnectionFormProps<T> & {
    testId: string;
    submit: string;
    save: (fields: FormFields) => Promise<Result<T>>;
    /** The fields an error concerns (empty: the form as a whole). */
    fieldsOf?: (error: ErrorInfo) => readonly string[];
    children: (errors: FieldErrors) => JSX.Element;
  },
) {
  const submission = createSubmission();
  const failing = (): readonly string[] => {
    const failure = submission.failure();
    return failure && props.fieldsOf ? props.fieldsOf(failure) : [];
  };
  const errorId = `${props.testId}-error`;
  const errors: FieldErrors = {
    attrs: (name, ...hints) => {
      const invalid = failing().includes(name);
      return { 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': describedBy(...hints, invalid && errorId) };
    },
    errorId: (name) => (failing().includes(name) ? errorId : null),
    Error: (p) => <FieldError message={failing()[failing().length - 1] === p.name ? submission.error() : null} id={errorId} testId={`${props.testId}-field-error`} />,
  };
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
    else (e.target as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
  return (
    <form class="form" onSubmit={(e) => void submit(e)} data-testid={props.testId}>
      {props.children(errors)}
      <FieldError message={failing().length === 0 ? submission.error() : null} id={`${errorId}-form`} testId={`${props.testId}-error`} />
      <FormActions submit={props.submit} busy={submission.busy()} onCancel={props.onCancel} />
    </form>
  );
}
