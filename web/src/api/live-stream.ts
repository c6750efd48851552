import type { AlertEvent, IncidentEvent, TracksEvent } from './types.js';

/** Handlers for the events of `GET /api/stream`. */
export interface StreamHandlers {
  alert?: (e: AlertEvent) => void;
  tracks?: (e: TracksEvent) => void;
  incident?: (e: IncidentEvent) => void;
  /** Connection state for the status light: true once `hello` arrived, false on error. */
  status?: (connected: boolean) => void;
}

/**
 * Opens the live stream (server-sent events; the browser reconnects by itself after a drop).
 * Returns a function that closes it.
 */
export function openLiveStream(handlers: StreamHandlers): () => void {
  const source = new EventSource('/api/stream', { withCredentials: true });
  const on = <T>(name: string, fn: ((e: T) => void) | undefined): void => {
    if (fn === undefined) return;
    source.addEventListener(name, (ev) => fn(JSON.parse((ev as MessageEvent<string>).data) as T));
  };
  on('alert', handlers.alert);
  on('tracks', handlers.tracks);
  on('incident', handlers.incident);
  source.addEventListener('hello', () => handlers.status?.(true));
  source.addEventListener('error', () => handlers.status?.(false));
  return () => source.close();
}
