import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';
import { textProblem } from '../core/text/text-problem.js';

/**
 * Schema keyword of the shared text rule (`textProblem`): `'line'` for identifiers and
 * one-line display strings, `'multiline'` for text that may keep line breaks. An `x-` name, so
 * that the OpenAPI document may carry it as an extension.
 */
export const TEXT_KEYWORD = 'x-vigil-text';

/** The ajv plugin that teaches a validator `TEXT_KEYWORD`; its error message is `textProblem`'s. */
function textKeyword(ajv: AjvCompiler.Ajv): AjvCompiler.Ajv {
  type Check = ((mode: string, data: string) => boolean) & { errors?: Partial<AjvCompiler.ErrorObject>[] };
  const check: Check = (mode, data) => {
    const problem = textProblem(data, { multiline: mode === 'multiline' });
    check.errors = problem === undefined ? [] : [{ keyword: TEXT_KEYWORD, message: problem, params: { mode } }];
    return problem === undefined;
  };
  return ajv.addKeyword({ keyword: TEXT_KEYWORD, type: 'string', schemaType: 'string', errors: true, validate: check });
}

/** What Fastify's default validator does, but for the coercion. */
const COMMON = { removeAdditional: true, useDefaults: true, allErrors: false } as const;

/**
 * The validator of each HTTP part: Fastify's own (ajv through @fastify/ajv-compiler, with its
 * formats), built twice. Query strings, path parameters and headers arrive as text, so they
 * are coerced (`?limit=5` is the integer 5; `coerceTypes: 'array'` also makes a repeated
 * parameter an array); a JSON body has types of its own, so it is not: `"lat": "46"` is a 400
 * naming `body/lat`, never silently the number 46.
 *
 * `removeAdditional: true` strips only where a schema says additionalProperties: false; open
 * records (a report's unknown keys, SPEC) pass through.
 */
export function httpPartValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const plugins = [textKeyword];
  const coercing = AjvCompiler()({}, { customOptions: { ...COMMON, coerceTypes: 'array' }, plugins });
  const strict = AjvCompiler()({}, { customOptions: { ...COMMON, coerceTypes: false }, plugins });
  return (route) => (route.httpPart === 'body' ? strict : coercing)(route as AjvCompiler.RouteDefinition);
}
