/**
 * The arithmetic of the windowed account list (AccountList.tsx). Every row has the same height, so
 * which rows are drawn, where each sits, how tall the whole list is, where a key moves the focus
 * and how far to scroll to show a row all follow from a few numbers: plain functions, tested
 * without a DOM (account-list-window.test.ts).
 */

/** Rows drawn beyond each edge of the view, so a short scroll shows rows that are already there. */
export const OVERSCAN = 2;

/** Rows `start` (included) to `end` (excluded). */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

export interface ListView {
  readonly scrollTop: number;
  /** The list's visible height. */
  readonly height: number;
  readonly rowHeight: number;
}

/**
 * The rows in view and OVERSCAN more either side, among `count`. A scroll position past the end
 * (the list just got shorter) counts as the end, and one before the top (elastic scrolling) as the top.
 */
export function rowsInView(count: number, view: ListView, overscan = OVERSCAN): RowRange {
  const h = view.rowHeight;
  const top = Math.max(0, Math.min(view.scrollTop, count * h - view.height));
  return { start: Math.max(0, Math.floor(top / h) - overscan), end: Math.min(count, Math.ceil((top + view.height) / h) + overscan) };
}

/**
 * The rows to draw, in order: those of `range`, and the tab stop's row (-1: none) wherever it is,
 * so that the row holding focus is never taken out of the document.
 */
export function drawnRows(range: RowRange, tabStop: number): number[] {
  const rows = tabStop >= 0 && tabStop < range.start ? [tabStop] : [];
  for (let i = range.start; i < range.end; i += 1) rows.push(i);
  if (tabStop >= range.end) rows.push(tabStop);
  return rows;
}

/** The height of the whole list, which the spacer takes so that the scroll bar spans every row. */
export const listHeight = (count: number, rowHeight: number): number => count * rowHeight;

/** Where row `index` sits, from the top of the list's content. */
export const rowOffset = (index: number, rowHeight: number): number => index * rowHeight;

/** A row's place for screen readers (`aria-posinset`, from 1; `aria-setsize` is the whole count). */
export const positionInSet = (index: number): number => index + 1;

/** How far PageUp and PageDown move: a view's worth of rows but one, and at least one. */
export const rowsPerPage = (viewHeight: number, rowHeight: number): number => Math.max(1, Math.floor(viewHeight / rowHeight) - 1);

/**
 * Where `key` moves the focus from row `from` (-1: no row has it), kept within the list; undefined
 * for a key that does not move, or in an empty list.
 */
export function keyTarget(key: string, from: number, count: number, perPage: number): number | undefined {
  const last = count - 1;
  const targets: Readonly<Record<string, number>> = {
    ArrowDown: from + 1,
    ArrowUp: from - 1,
    Home: 0,
    End: last,
    PageDown: from + perPage,
    PageUp: from - perPage,
  };
  const target = targets[key];
  return target === undefined || count === 0 ? undefined : Math.max(0, Math.min(last, target));
}

/**
 * The scroll position that shows row `index` whole, moving the least: the current one when the row
 * is already in view. Rows start below the list's top padding.
 */
export function revealScrollTop(index: number, rowHeight: number, padding: number, view: { readonly scrollTop: number; readonly height: number }): number {
  const top = padding + index * rowHeight;
  const bottom = top + rowHeight;
  if (top < view.scrollTop) return top - padding;
  if (bottom > view.scrollTop + view.height) return bottom + padding - view.height;
  return view.scrollTop;
}

/**
 * One place of a grouped list: a group's heading, or a row (an account, by its index in the whole
 * list, and its place in its group). Headings take a row's height, so the arithmetic above holds
 * for places as it did for rows.
 */
export type Slot =
  | { readonly kind: 'heading'; readonly group: number }
  | { readonly kind: 'row'; readonly index: number; readonly group: number; readonly inGroup: number };

export interface SlotLayout {
  readonly slots: readonly Slot[];
  /** The place of row `index`. */
  readonly slotOfRow: readonly number[];
}

/**
 * The places of a list shown in groups of `groupSizes` rows, in order: a heading before each group
 * when there are two or more (an empty group has neither heading nor rows), the rows alone otherwise.
 */
export function layoutSlots(groupSizes: readonly number[]): SlotLayout {
  const headed = groupSizes.filter((n) => n > 0).length > 1;
  const slots: Slot[] = [];
  const slotOfRow: number[] = [];
  let index = 0;
  groupSizes.forEach((size, group) => {
    if (size === 0) return;
    if (headed) slots.push({ kind: 'heading', group });
    for (let inGroup = 0; inGroup < size; inGroup += 1) {
      slotOfRow.push(slots.length);
      slots.push({ kind: 'row', index, group, inGroup });
      index += 1;
    }
  });
  return { slots, slotOfRow };
}
