/**
 * Property-based API fuzzing driven by the service's OpenAPI document: for every operation, requests whose path,
 * query, headers and body are valid-looking or deliberately broken (wrong types, missing fields, huge or odd text, NUL
 * and lone surrogates, extreme numbers, unknown enum values, malformed JSON, wrong content types, deep nesting, huge
 * arrays), and the checks every answer must pass (never a 5xx or a hang, 4xx as problem details, 2xx as documented).
 *
 * The parts, under `fuzz/`: `openapi.ts` (the operation catalogue from the document), `values.ts` (valid-looking and
 * hostile values), `bodies.ts` (request bodies), `cases.ts` (whole requests: path segments, query, body, auth,
 * encoding) and `answers.ts` (sending a case and checking its answer).
 */
export { checkAnswer, type FuzzAnswer, send } from './fuzz/answers.js';
export { ADMIN_TOKEN, caseArb, type FuzzCase } from './fuzz/cases.js';
export { type OpenApiDocument, type Operation, operationsOf } from './fuzz/openapi.js';
export { type FuzzPools, validArb } from './fuzz/values.js';
