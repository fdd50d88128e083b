/** Going to a view path of the shown document (the tree, the breadcrumb) and into a subview cell. */
import { useCallback } from 'react';
import type { ViewPath } from '../../../../electron/shared/dto.js';
import { placeAt, type Navigation } from '../grid/navigation.js';

export interface ViewPaths {
  /** Shows `path` in the data tab (a new place in the history). */
  goPath: (path: ViewPath) => void;
  /** Opens the subview in `column` of stored `row` of the current view. */
  drill: (row: number, column: string) => void;
}

export function useViewPaths(nav: Navigation, showData: () => void): ViewPaths {
  const { place, go } = nav;
  const goPath = useCallback((path: ViewPath) => {
    if (place) go(placeAt(place.docId, path));
    showData();
  }, [go, place, showData]);
  const drill = useCallback((row: number, column: string) => {
    if (place?.path) goPath({ view: place.path.view, steps: [...place.path.steps, { row, prop: column }] });
  }, [place, goPath]);
  return { goPath, drill };
}
