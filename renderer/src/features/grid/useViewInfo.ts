/**
 * The description of the view on screen (columns, row count, generation) and the filters its column
 * texts parse to. The description of an older generation stays while the new one loads: the grid keeps
 * its scroll position and selection.
 */
import { useMemo } from 'react';
import type { DocumentInfo, FilterSpec, ViewInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';
import { parseFilter } from './filterSyntax.js';
import type { Place } from './navigation.js';

const NO_FILTERS: FilterSpec[] = [];

export interface ShownView {
  /** The description of the place's view (undefined while the first one loads, or for another place). */
  info: ViewInfo | undefined;
  error: Error | null;
  filters: FilterSpec[];
}

export function useViewInfo(doc: DocumentInfo | null, place: Place | null): ShownView {
  const key = doc && place?.path ? JSON.stringify([doc.id, doc.generation, doc.editVersion, place.path]) : null;
  const view = useAsync(key, () => request('describeView', { docId: doc?.id ?? '', path: place?.path ?? { view: '', steps: [] } }), { keep: true });
  const info = view.value && doc && view.value.docId === doc.id && place?.path && JSON.stringify(view.value.path) === JSON.stringify(place.path) ? view.value : undefined;
  const filters = useMemo(() => {
    if (!info || !place) return NO_FILTERS;
    const out: FilterSpec[] = [];
    for (const c of info.columns) {
      const f = parseFilter(c.name, c.type, place.filterTexts[c.name] ?? '');
      if (f) out.push(f);
    }
    return out.length ? out : NO_FILTERS;
  }, [info, place]);
  return { info, error: view.error, filters };
}
