/**
 * An account's new name, in place of its title: Enter saves, Escape or Cancel leaves the name as it
 * was. A refused name (empty, too long) keeps the form open with the reason next to it.
 */
import { createEffect, on } from 'solid-js';
import type { Result } from '../../../shared/errors';
import { useI18n } from '../i18n';
import { createSubmission } from '../state/submission';
import { Button } from './Button';
import { FieldError } from './FormParts';

export function RenameForm(props: {
  name: string;
  rename: (name: string) => Promise<Result<unknown>>;
  onClose: () => void;
  /** Bumped by F2: the name is focused and selected when the form opens and at every bump. */
  focusRequest: number;
}) {
  const { t } = useI18n();
  const submission = createSubmission();
  let input!: HTMLInputElement;
  createEffect(
    on(
      () => props.focusRequest,
      () => {
        input.focus();
        input.select();
      },
    ),
  );

  async function save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const result = await submission.run('submit', () => props.rename(input.value));
    if (result.ok) props.onClose();
    else input.focus();
  }

  return (
    <form class="rename-form" onSubmit={(e) => void save(e)} data-testid="rename-form">
      <input
        id="rename-input"
        ref={input}
        aria-label={t('account.nameLabel')}
        value={props.name}
        maxLength={200}
        autocomplete="off"
        aria-invalid={submission.error() !== null}
        aria-describedby={submission.error() ? 'rename-error' : undefined}
        data-testid="rename-input"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      />
      <Button type="submit" variant="primary" busy={submission.busy()} data-testid="rename-save">
        {t('common.save')}
      </Button>
      <Button onClick={() => props.onClose()} disabled={submission.busy()}>
        {t('common.cancel')}
      </Button>
      <FieldError message={submission.error()} id="rename-error" testId="rename-error" />
    </form>
  );
}
