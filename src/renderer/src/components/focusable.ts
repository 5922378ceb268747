/**
 * What Tab may reach inside a container (the dialog's focus trap, Dialog.tsx): every kind of
 * focusable element — including `<summary>` (a <details> toggle), links, media with controls,
 * editable regions and anything given a non-negative tabindex — that is enabled, rendered (not in
 * a closed <details>, not display:none) and not inert.
 */
export const FOCUSABLE = [
  'a[href]',
  'area[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  'audio[controls]',
  'video[controls]',
  '[contenteditable]:not([contenteditable="false"])',
  'details > summary:first-of-type',
  '[tabindex]',
].join(', ');

export function focusableIn(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[inert]') && el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && radioGroupHasChecked(el)),
  );
}

/** Tab reaches one radio of a group: the checked one when there is one. */
function radioGroupHasChecked(radio: HTMLInputElement): boolean {
  return radio.name !== '' && [...document.getElementsByName(radio.name)].some((el) => el instanceof HTMLInputElement && el.checked);
}
