/** Short messages at the bottom right; errors stay until dismissed, information fades. */
import { For } from 'solid-js';
import { useI18n } from '../i18n';
import { dismissToast, toasts } from '../state/toasts';
import './Toasts.css';

export function Toasts() {
  const { t } = useI18n();
  return (
    <div class="toasts" aria-live="polite" data-testid="toasts">
      <For each={toasts()}>
        {(toast) => (
          <div class={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind}>
            <span class="glyph" aria-hidden="true">
              {toast.kind === 'error' ? '!' : '✓'}
            </span>
            <span class="toast-text">{toast.text}</span>
            <button type="button" class="icon-button" aria-label={t('common.dismiss')} onClick={() => dismissToast(toast.id)}>
              <span aria-hidden="true">✕</span>
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
