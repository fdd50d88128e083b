/** React hooks over the client: events, and async values that follow their inputs. */
import { useEffect, useRef, useState } from 'react';
import type { InspectorEvent } from '../../../electron/shared/contract.js';
import { subscribe } from './client.js';

type EventOf<T extends InspectorEvent['type']> = Extract<InspectorEvent, { type: T }>;

/** Calls `handler` for every event of `type`; the latest handler is used without resubscribing. */
export function useServiceEvent<T extends InspectorEvent['type']>(type: T, handler: (event: EventOf<T>) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => subscribe((e) => {
    if (e.type === type) ref.current(e as EventOf<T>);
  }), [type]);
}

export interface Async<T> {
  value: T | undefined;
  error: Error | null;
  loading: boolean;
}

/** Runs `load` whenever `key` changes; answers of superseded keys are dropped. */
export function useAsync<T>(key: string | null, load: () => Promise<T>): Async<T> & { reload: () => void } {
  const [state, setState] = useState<Async<T> & { key: string | null }>({ value: undefined, error: null, loading: key !== null, key });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    loadRef.current().then(
      (value) => { if (live) setState({ value, error: null, loading: false, key }); },
      (error: unknown) => { if (live) setState({ value: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false, key }); },
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  const stale = state.key !== key;
  return {
    value: stale ? undefined : state.value,
    error: stale ? null : state.error,
    loading: key !== null && (stale || state.loading),
    reload: () => setRound((r) => r + 1),
  };
}
