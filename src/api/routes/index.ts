import type { RouteDef } from '../route.js';
import { AUTH_ROUTES } from './auth.js';
import { EXPORT_ROUTES } from './exports.js';
import { INCIDENT_ROUTES } from './incidents.js';
import { KEY_ROUTES } from './keys.js';
import { NOTIFICATION_ROUTES } from './notifications.js';
import { OGC_ROUTES } from './ogc-features.js';
import { OPS_ROUTES } from './ops.js';
import { PICTURE_ROUTES } from './picture.js';
import { REPORT_ROUTES } from './reports.js';
import { REPORT_DOCUMENT_ROUTES } from './report-documents.js';
import { STREAM_ROUTES } from './stream.js';
import { SYSTEM_ROUTES } from './system.js';

/** The whole HTTP API. */
export const ROUTES: readonly RouteDef[] = [...SYSTEM_ROUTES, ...OPS_ROUTES, ...KEY_ROUTES, ...AUTH_ROUTES, ...PICTURE_ROUTES, ...REPORT_ROUTES, ...REPORT_DOCUMENT_ROUTES, ...INCIDENT_ROUTES, ...NOTIFICATION_ROUTES, ...EXPORT_ROUTES, ...OGC_ROUTES, ...STREAM_ROUTES];
