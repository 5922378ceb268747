/** Short messages at the bottom of the window; errors stay until dismissed. */
import { createSignal } from 'solid-js';

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

const [toasts, setToasts] = createSignal<readonly Toast[]>([]);
let nextId = 1;

export { toasts };

export function showToast(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  setToasts((list) => [...list.slice(-3), { id, kind, text }]);
  if (kind === 'info') setTimeout(() => dismissToast(id), 4000);
}

export function dismissToast(id: number): void {
  setToasts((list) => list.filter((t) => t.id !== id));
}
