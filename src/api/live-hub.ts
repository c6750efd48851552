import { EventEmitter } from 'node:events';
import type { Alert } from '../core/alert/alert.js';
import type { Marking } from '../store/marking.js';
import type { AlertStatus, TrackRecord } from '../store/ports.js';

/** An incident change as the stream announces it (id, status, title; details via the API). */
export interface IncidentChange {
  id: string;
  status: string;
  title: string;
  change: string;
  originator: string;
  marking: Marking;
}

export interface HubEvents {
  alert: [{ alert: Alert; status: AlertStatus; originator: string; marking: Marking }];
  tracks: [TrackRecord[]];
  tracksLost: [string[]];
  incident: [IncidentChange];
}

/** Fan-out of live events to stream subscribers; each subscriber filters by its own releasability. */
export class LiveHub extends EventEmitter<HubEvents> {
  constructor() {
    super();
    this.setMaxListeners(10_000);
  }
}
