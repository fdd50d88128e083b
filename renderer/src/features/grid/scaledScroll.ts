/**
 * Row geometry for views of millions of rows. Browsers cap an element's height (Chrome near 33M px,
 * Firefox near 17M): ten million 26 px rows do not fit. The scrollable spacer is capped at
 * MAX_SCROLL_PX and the scroll position maps linearly onto the virtual position (top to top, bottom to
 * bottom); rows are placed relative to the viewport, so they stay pixel-exact at any scale.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface Geometry {
  rows: number;
  rowHeight: number;
  /** Height available to rows (the scroller's client height minus the sticky header). */
  viewport: number;
}

export function virtualHeight(g: Geometry): number {
  return g.rows * g.rowHeight;
}

export function spacerHeight(g: Geometry): number {
  return Math.min(virtualHeight(g), MAX_SCROLL_PX);
}

export function maxVirtualTop(g: Geometry): number {
  return Math.max(0, virtualHeight(g) - g.viewport);
}

function ratio(g: Geometry): number {
  const maxReal = Math.max(0, spacerHeight(g) - g.viewport);
  return maxReal > 0 ? maxVirtualTop(g) / maxReal : 1;
}

export function toVirtual(realTop: number, g: Geometry): number {
  return clampVirtual(realTop * ratio(g), g);
}

export function toReal(virtualTop: number, g: Geometry): number {
  return clampVirtual(virtualTop, g) / ratio(g);
}

export function clampVirtual(v: number, g: Geometry): number {
  return Math.min(Math.max(0, v), maxVirtualTop(g));
}

/** First and last row (inclusive) to render at `virtualTop`, with `overscan` rows either side. */
export function visibleRows(virtualTop: number, g: Geometry, overscan: number): { first: number; last: number } {
  if (g.rows === 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(virtualTop / g.rowHeight) - overscan);
  const last = Math.min(g.rows - 1, Math.ceil((virtualTop + g.viewport) / g.rowHeight) + overscan);
  return { first, last };
}

/** The virtual top that brings `row` fully into view, moving as little as possible. */
export function revealRow(row: number, virtualTop: number, g: Geometry): number {
  const top = row * g.rowHeight;
  if (top < virtualTop) return clampVirtual(top, g);
  if (top + g.rowHeight > virtualTop + g.viewport) return clampVirtual(top + g.rowHeight - g.viewport, g);
  return virtualTop;
}

/** Rows that fit in the viewport (for PageUp/PageDown). */
export function pageRows(g: Geometry): number {
  return Math.max(1, Math.floor(g.viewport / g.rowHeight) - 1);
}
