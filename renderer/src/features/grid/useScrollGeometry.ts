/**
 * The grid's vertical scrolling on a scaled scroll space (scaledScroll.ts): the virtual top is the
 * truth, the DOM scroll position follows it (and sets it when the user drags the scrollbar), the wheel
 * scrolls by virtual pixels, and the viewport is the scroller minus its sticky header.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { clampVirtual, revealRow, spacerHeight, toReal, toVirtual, visibleRows, type Geometry } from './scaledScroll.js';

export const ROW_HEIGHT = 26;
const OVERSCAN_ROWS = 8;

export interface ScrollGeometry {
  scrollerRef: RefObject<HTMLDivElement | null>;
  headerRef: RefObject<HTMLDivElement | null>;
  geometry: Geometry;
  virtualTop: number;
  /** The scroller's scrollTop for `virtualTop`: rows are placed relative to it. */
  realTop: number;
  /** Rows to render (in view plus overscan), inclusive; last < first when there are none. */
  first: number;
  last: number;
  onScroll: () => void;
  /** Brings the row at `pos` fully into view, moving as little as possible. */
  reveal: (pos: number) => void;
  /** Scrolls the row at `pos` to the top. */
  toTop: (pos: number) => void;
}

/** `place`: another view, sort or filter starts at the top; a new generation of the same keeps its place. */
export function useScrollGeometry(rows: number, place: string): ScrollGeometry {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(400);
  const [virtualTop, setVirtualTop] = useState(0);
  const [lastPlace, setLastPlace] = useState(place);
  if (lastPlace !== place) {
    setLastPlace(place);
    setVirtualTop(0);
  }
  const geometry: Geometry = useMemo(() => ({ rows, rowHeight: ROW_HEIGHT, viewport }), [rows, viewport]);
  const geometryRef = useRef(geometry);
  useLayoutEffect(() => {
    geometryRef.current = geometry;
  });

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const head = headerRef.current;
    if (!el || !head) return;
    const measure = (): void => setViewport(Math.max(ROW_HEIGHT, el.clientHeight - head.offsetHeight));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The DOM scroll position follows the virtual one (set by wheel, keys, or the scrollbar itself).
  const lastReal = useRef(0);
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const real = toReal(virtualTop, geometry);
    if (Math.abs(el.scrollTop - real) > 1) el.scrollTop = real;
    lastReal.current = el.scrollTop;
  }, [virtualTop, geometry]);
  const onScroll = useCallback((): void => {
    const el = scrollerRef.current;
    if (!el || Math.abs(el.scrollTop - lastReal.current) <= 1) return;
    lastReal.current = el.scrollTop;
    setVirtualTop(toVirtual(el.scrollTop, geometryRef.current));
  }, []);
  // On a scaled space the wheel would jump rows by the scale: scroll by virtual pixels instead.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      const g = geometryRef.current;
      if (spacerHeight(g) >= g.rows * g.rowHeight || e.ctrlKey) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? g.viewport : 1;
      setVirtualTop((v) => clampVirtual(v + e.deltaY * unit, g));
      if (e.deltaX) el.scrollLeft += e.deltaX * unit;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const reveal = useCallback((pos: number) => setVirtualTop((v) => revealRow(pos, v, geometryRef.current)), []);
  const toTop = useCallback((pos: number) => setVirtualTop(clampVirtual(pos * ROW_HEIGHT, geometryRef.current)), []);
  const { first, last } = visibleRows(virtualTop, geometry, OVERSCAN_ROWS);
  return { scrollerRef, headerRef, geometry, virtualTop, realTop: toReal(virtualTop, geometry), first, last, onScroll, reveal, toTop };
}

/**
 * Scrolls the active row to the top whenever `request` changes (an appended row, a jump to new rows):
 * what follows it is in view too.
 */
export function useRevealRequest(request: number, pos: number, toTop: (pos: number) => void): void {
  const revealed = useRef(request);
  useEffect(() => {
    if (revealed.current === request) return;
    revealed.current = request;
    toTop(pos);
  }, [request, pos, toTop]);
}
