import { Type, type StringOptions, type TSchema, type TString } from '@sinclair/typebox';
import { TEXT_KEYWORD } from './validators.js';

/** Every 4xx/5xx body: `{ statusCode, error, message }`; 4xx messages name the field or the problem. */
export const ErrorBody = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() }, { $id: 'Error' });

/** A record whose shape is documented in SPEC/ports (kept open so nothing is dropped on serialisation). */
export const Open = (description: string): TSchema => Type.Object({}, { additionalProperties: true, description });

export const Page = (item: TSchema): TSchema => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Cursor = { cursor: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) };

export const Nation = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3' });

export const IsoTime = Type.String({ format: 'date-time' });

/**
 * An identifier or one-line display string (an id, a name, a title): text under the shared
 * rule (`textProblem`: no control characters, NUL, bidirectional overrides or isolates, or
 * unpaired surrogates). Every such body field uses it, so there is one rule, not one per route.
 */
export const Text = (options: StringOptions = {}): TString => Type.String({ ...options, [TEXT_KEYWORD]: 'line' });

/** Free text that may keep line breaks (a comment, a description, a reason), otherwise under the same rule. */
export const MultilineText = (options: StringOptions = {}): TString => Type.String({ ...options, [TEXT_KEYWORD]: 'multiline' });

/** `COALITION`, `REL TO FRA, GBR` or `ORIGINATOR ONLY`. */
export const MarkingText = Text({ minLength: 3, maxLength: 400, description: 'COALITION | REL TO <nations> | ORIGINATOR ONLY' });

/** Standard error responses added to every route. */
export const ERRORS: Record<number, TSchema> = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

export const Ok = Type.Object({ ok: Type.Boolean() });
