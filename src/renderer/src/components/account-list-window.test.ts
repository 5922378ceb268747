/** The windowed account list's arithmetic (account-list-window.ts), at its edges. */
import { describe, expect, it } from 'vitest';
import { drawnRows, keyTarget, layoutSlots, listHeight, OVERSCAN, positionInSet, revealScrollTop, rowOffset, rowsInView, rowsPerPage } from './account-list-window';

const ROW = 54;

describe('rowsInView', () => {
  it('draws the rows in view and OVERSCAN more below at the top of a long list', () => {
    // 540 px show rows 0 to 9.
    expect(rowsInView(1000, { scrollTop: 0, height: 540, rowHeight: ROW })).toEqual({ start: 0, end: 10 + OVERSCAN });
  });

  it('draws OVERSCAN more either side in the middle, including a row cut by either edge', () => {
    // From 5,000 px: row 92 (4,968–5,022) is cut at the top, row 101 (5,454–5,508) at the bottom.
    expect(rowsInView(1000, { scrollTop: 5000, height: 500, rowHeight: ROW })).toEqual({ start: 92 - OVERSCAN, end: 102 + OVERSCAN });
  });

  it('ends at the last row at the bottom', () => {
    const end = 1000 * ROW - 540;
    expect(rowsInView(1000, { scrollTop: end, height: 540, rowHeight: ROW })).toEqual({ start: 990 - OVERSCAN, end: 1000 });
  });

  it('treats a scroll position past the end (the list just got shorter) as the end', () => {
    // Scrolled to row 900 of 1,000, then the filter leaves 20 rows.
    expect(rowsInView(20, { scrollTop: 900 * ROW, height: 540, rowHeight: ROW })).toEqual({ start: 10 - OVERSCAN, end: 20 });
  });

  it('treats an elastic scroll above the top as the top', () => {
    expect(rowsInView(100, { scrollTop: -80, height: 540, rowHeight: ROW })).toEqual({ start: 0, end: 10 + OVERSCAN });
  });

  it('draws every row of a list shorter than the view, and none of an empty one', () => {
    expect(rowsInView(3, { scrollTop: 0, height: 540, rowHeight: ROW })).toEqual({ start: 0, end: 3 });
    expect(rowsInView(0, { scrollTop: 0, height: 540, rowHeight: ROW })).toEqual({ start: 0, end: 0 });
  });

  it('draws only the overscan rows while the list has no height', () => {
    expect(rowsInView(100, { scrollTop: 0, height: 0, rowHeight: ROW })).toEqual({ start: 0, end: OVERSCAN });
  });
});

describe('drawnRows', () => {
  it('is the range, in order, when the tab stop is inside it or absent', () => {
    expect(drawnRows({ start: 4, end: 8 }, 5)).toEqual([4, 5, 6, 7]);
    expect(drawnRows({ start: 4, end: 8 }, -1)).toEqual([4, 5, 6, 7]);
  });

  it('keeps the tab stop’s row drawn when it scrolled away, above or below, in list order', () => {
    expect(drawnRows({ start: 4, end: 8 }, 0)).toEqual([0, 4, 5, 6, 7]);
    expect(drawnRows({ start: 4, end: 8 }, 999)).toEqual([4, 5, 6, 7, 999]);
  });

  it('counts the range’s end as outside it', () => {
    expect(drawnRows({ start: 4, end: 8 }, 8)).toEqual([4, 5, 6, 7, 8]);
    expect(drawnRows({ start: 4, end: 8 }, 3)).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws only the tab stop of an empty range', () => {
    expect(drawnRows({ start: 0, end: 0 }, 0)).toEqual([0]);
  });
});

describe('sizes and places', () => {
  it('the spacer is as tall as every row together, so the scroll bar is the whole list’s', () => {
    expect(listHeight(1000, ROW)).toBe(54_000);
    expect(listHeight(0, ROW)).toBe(0);
  });

  it('places each row by its index, and tells screen readers its place from 1', () => {
    expect(rowOffset(0, ROW)).toBe(0);
    expect(rowOffset(999, ROW)).toBe(53_946);
    expect(positionInSet(0)).toBe(1);
    expect(positionInSet(999)).toBe(1000);
  });

  it('a page is a view’s worth of rows but one, and at least one', () => {
    expect(rowsPerPage(540, ROW)).toBe(9);
    expect(rowsPerPage(560, ROW)).toBe(9);
    expect(rowsPerPage(60, ROW)).toBe(1);
    expect(rowsPerPage(0, ROW)).toBe(1);
  });
});

describe('keyTarget', () => {
  it('moves one row with the arrows, a page with PageUp / PageDown, to the ends with Home / End', () => {
    expect(keyTarget('ArrowDown', 5, 100, 9)).toBe(6);
    expect(keyTarget('ArrowUp', 5, 100, 9)).toBe(4);
    expect(keyTarget('PageDown', 5, 100, 9)).toBe(14);
    expect(keyTarget('PageUp', 50, 100, 9)).toBe(41);
    expect(keyTarget('Home', 50, 100, 9)).toBe(0);
    expect(keyTarget('End', 5, 100, 9)).toBe(99);
  });

  it('stops at the ends of the list', () => {
    expect(keyTarget('ArrowUp', 0, 100, 9)).toBe(0);
    expect(keyTarget('ArrowDown', 99, 100, 9)).toBe(99);
    expect(keyTarget('PageUp', 3, 100, 9)).toBe(0);
    expect(keyTarget('PageDown', 95, 100, 9)).toBe(99);
  });

  it('enters the list at the first row when no row has focus', () => {
    expect(keyTarget('ArrowDown', -1, 100, 9)).toBe(0);
    expect(keyTarget('ArrowUp', -1, 100, 9)).toBe(0);
  });

  it('has nowhere to go in an empty list, and ignores keys that do not move', () => {
    expect(keyTarget('ArrowDown', -1, 0, 9)).toBeUndefined();
    expect(keyTarget('End', -1, 0, 9)).toBeUndefined();
    expect(keyTarget('Enter', 5, 100, 9)).toBeUndefined();
    expect(keyTarget('a', 5, 100, 9)).toBeUndefined();
  });
});

describe('revealScrollTop', () => {
  const view = { scrollTop: 540, height: 540 };
  const padding = 4;

  it('does not scroll when the row is already whole in view', () => {
    expect(revealScrollTop(12, ROW, padding, view)).toBe(540);
  });

  it('scrolls up just enough to show a row above the view at the top', () => {
    expect(revealScrollTop(5, ROW, padding, view)).toBe(5 * ROW);
    expect(revealScrollTop(0, ROW, padding, view)).toBe(0);
  });

  it('scrolls down just enough to show a row below the view at the bottom, with the padding under it', () => {
    // Row 20 ends at 4 + 21 × 54 = 1,138 px; the view must end 4 px below it.
    expect(revealScrollTop(20, ROW, padding, view)).toBe(1138 + padding - 540);
  });

  it('scrolls to a row cut by the bottom edge, not only to rows wholly out of view', () => {
    // Row 19 spans 1,030–1,084 px; the view ends at 1,080.
    expect(revealScrollTop(19, ROW, padding, view)).toBe(1084 + padding - 540);
  });
});

describe('layoutSlots', () => {
  it('puts a heading before each group when there are two, and numbers rows across the whole list', () => {
    const { slots, slotOfRow } = layoutSlots([2, 3]);
    expect(slots.map((s) => (s.kind === 'heading' ? `h${s.group}` : `r${s.index}/${s.inGroup}`))).toEqual(['h0', 'r0/0', 'r1/1', 'h1', 'r2/0', 'r3/1', 'r4/2']);
    expect(slotOfRow).toEqual([1, 2, 4, 5, 6]);
  });

  it('adds no heading when only one group has rows, so a list where nothing needs attention reads as before', () => {
    const { slots, slotOfRow } = layoutSlots([0, 3]);
    expect(slots.every((s) => s.kind === 'row')).toBe(true);
    expect(slotOfRow).toEqual([0, 1, 2]);
  });
});
