// A robustness pass over the committed OpenAPI description (docs/openapi.json): for every operation, fast-check
// generates requests that follow the description and requests that do not (wrong types, missing fields, huge and
// odd strings, numbers out of range, malformed JSON, wrong content types, ids that are not ids, unknown parameters),
// with an admin key, a coordinator key, no key and a wrong key, against the real API on a real PostgreSQL (and
// Temporal, for the sweep routes). Whatever is sent: never a 5xx; every 4xx is JSON with a message; a 2xx status is
// one the description documents. Seeded, so a run is repeatable; a failure prints the request that caused it.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { Client, Connection } from '@temporalio/client';
import { ensureSweep } from '@cacscreen/db';
import { temporalAddress, uniqueTaskQueuePrefix } from '../setup/services';
import { ADMIN_KEY, startTestApi, TestApi } from './support/api-app';
import { seedPatient } from './support/seed';

const SEED = Number(process.env.ROBUSTNESS_SEED ?? 20261128);
/** Requests per operation and kind of caller; the whole file stays well under a minute. */
const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 40);

// ---- the parts of OpenAPI 3 this test reads --------------------------------------------------------------------

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
  explode?: boolean;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

interface Op {
  method: string;
  path: string;
  operation: Operation;
  name: string;
}

const spec = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
) as OpenApi;
const OPERATIONS: Op[] = Object.entries(spec.paths).flatMap(([route, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path: route,
    operation,
    name: `${method.toUpperCase()} ${route}`,
  })),
);

// ---- requests ---------------------------------------------------------------------------------------------------

type Caller = 'admin' | 'coordinator' | 'none' | 'wrong-key';

interface GeneratedRequest {
  caller: Caller;
  /** Raw path segments (already percent-encoded where they should be). */
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the generator meant to send, for the failure message. */
  shape: string;
}

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD, as any client would send). */
const pct = (value: string): string =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');

interface Response {
  status: number;
  contentType: string;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(port: number, method: string, request: GeneratedRequest): Promise<Response> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body) headers['content-length'] = request.body.length;
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: request.path + (request.query ? `?${request.query}` : ''),
        headers,
        agent,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            contentType: String(incoming.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', (error) =>
          resolve({ status: -1, contentType: '', text: `response error: ${error.message}` }),
        );
      },
    );
    // A dropped connection (a response that failed half-way) is a finding, not a reason to stop the run.
    outgoing.on('error', (error) =>
      resolve({ status: -1, contentType: '', text: `connection error: ${error.message}` }),
    );
    outgoing.end(request.body);
  });
}

// ---- values -----------------------------------------------------------------------------------------------------

/** Strings that have broken parsers, validators and databases before. */
const NASTY_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '1.5',
  '1e309',
  '-1e309',
  '1e20',
  '9007199254740993',
  '2147483648',
  '99999999999999999999999999999',
  '0x10',
  '2024-02-30',
  '0000-01-01',
  '0000-00-00',
  '9999-12-31',
  '275760-09-14',
  '2024-1-1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\uffff',
  '\u202e',
  '💥🩺',
  'Ǆǅ',
  'é'.normalize('NFD'),
  '%00',
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE "WorklistItem"; --',
  '{"$ne":null}',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '=cmd|/c calc!A1',
  ',,,',
  'open,,closed',
  ' open , claimed ',
  'OPEN',
];

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.fullUnicodeString({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Known ids of every kind (so most generated requests reach real rows), filled in beforeAll. */
type IdKind = 'item' | 'result' | 'sweep' | 'key' | 'other';
const knownIds: Record<IdKind, string[]> = { item: [], result: [], sweep: [], key: [], other: [] };
const allIds = () => Object.values(knownIds).flat();
/** The kind of row a route's `{id}` names. */
const idKindOf = (route: string): IdKind =>
  route.startsWith('/api/worklist/')
    ? 'item'
    : route.startsWith('/api/results/')
      ? 'result'
      : route.startsWith('/api/sweeps/')
        ? 'sweep'
        : route.startsWith('/api/keys/')
          ? 'key'
          : 'other';
const idValue = (kind: IdKind = 'other') =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(knownIds[kind].length > 0 ? knownIds[kind] : allIds())) },
    { weight: 1, arbitrary: fc.constantFrom(...allIds()) },
    { weight: 1, arbitrary: fc.uuid() },
  );

/** A value that follows a schema, as the JSON value a body would hold. */
function conforming(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema) return fc.string({ maxLength: 20 });
  const base = ((): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        if (schema.items?.enum) return fc.subarray(schema.items.enum, { minLength: 1 });
        return fc.array(conforming(schema.items, depth + 1), { maxLength: 4 });
      case 'object': {
        const properties = schema.properties ?? {};
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, value] of Object.entries(properties)) record[key] = conforming(value, depth + 1);
        return fc.record(record, { requiredKeys: schema.required ?? [] });
      }
      default:
        if (schema.format === 'date') return isoDate;
        if (schema.format === 'uuid') return idValue();
        return fc.string({
          minLength: schema.minLength ?? 1,
          maxLength: Math.min(schema.maxLength ?? 30, 30),
        });
    }
  })();
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

/** Any JSON value: the wrong type for most fields. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 2, '', [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
);

/** A query-string value for a parameter: as documented or hostile. */
function queryValue(parameter: Parameter, hostile: boolean): fc.Arbitrary<string> {
  const good = conforming(parameter.schema).map((value) =>
    Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : JSON.stringify(value),
  );
  return hostile ? fc.oneof(good, nastyString) : good;
}

function queryString(operation: Operation, hostile: boolean): fc.Arbitrary<string> {
  const documented = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  const pairs = documented.map((parameter) =>
    fc.option(
      queryValue(parameter, hostile).map((value) => `${pct(parameter.name)}=${pct(value)}`),
      { freq: 2 },
    ),
  );
  const extra = hostile
    ? fc.array(
        fc
          .oneof(
            // Unknown, repeated, bracketed and valueless parameters.
            fc.tuple(
              fc.constantFrom('foo', '__proto__', 'constructor', 'limit[]', 'status[0]', 'a.b', ''),
              nastyString,
            ),
            fc.tuple(fc.constantFrom(...(documented.length ? documented.map((p) => p.name) : ['x'])), nastyString),
          )
          .map(([name, value]) => (value === '' ? pct(name) : `${pct(name)}=${pct(value)}`)),
        { maxLength: 3 },
      )
    : fc.constant([] as string[]);
  const raw = hostile
    ? fc.option(fc.constantFrom('%', '%zz', '%E0%A4%A', '&&&', '=', 'limit=%00', 'a=1&a=2&a=3'), { freq: 5 })
    : fc.constant(null);
  return fc
    .tuple(fc.tuple(...pairs), extra, raw)
    .map(([documentedPairs, extraPairs, rawPart]) =>
      [
        ...documentedPairs.filter((pair): pair is string => pair !== null),
        ...extraPairs,
        ...(rawPart ? [rawPart] : []),
      ].join('&'),
    );
}

function goodPathValue(op: Op, parameter: Parameter | undefined): fc.Arbitrary<string> {
  const schema = parameter?.schema;
  if (schema?.enum) return fc.constantFrom(...schema.enum.map(String));
  if (schema?.type === 'integer' || schema?.type === 'number') return conforming(schema).map(String);
  return idValue(idKindOf(op.path));
}

function pathOf(op: Op, hostile: boolean): fc.Arbitrary<string> {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  if (names.length === 0) return fc.constant(op.path);
  const values = names.map((name) => {
    const parameter = op.operation.parameters?.find((candidate) => candidate.in === 'path' && candidate.name === name);
    const good = goodPathValue(op, parameter);
    const encoded = good.map(pct);
    if (!hostile) return encoded;
    return fc.oneof(
      encoded,
      nastyString.filter((value) => value !== '').map(pct),
      // Raw segments that are not valid percent-encoding.
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%FF'),
    );
  });
  return fc.tuple(...values).map((segments) => {
    let result = op.path;
    names.forEach((name, index) => {
      result = result.replace(`{${name}}`, segments[index]);
    });
    return result;
  });
}

interface Body {
  headers: Record<string, string>;
  body?: Buffer;
  shape: string;
}

const json = (value: unknown, contentType = 'application/json'): Body => ({
  headers: { 'content-type': contentType },
  body: Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'),
  shape: `${contentType} ${(JSON.stringify(value) ?? 'undefined').slice(0, 300)}`,
});

const raw = (text: string | Buffer, contentType?: string): Body => ({
  headers: contentType ? { 'content-type': contentType } : {},
  body: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
  shape: `${contentType ?? '(no content-type)'} ${String(text).slice(0, 300)}`,
});

/** A JSON object body as documented, with a field dropped, retyped, oversized or added. */
function mutatedObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  return fc
    .tuple(
      conforming({ ...schema, required: keys }),
      fc.constantFrom(...(keys.length ? keys : ['x'])),
      fc.constantFrom('drop', 'retype', 'huge', 'extra', 'null'),
      anyJson,
    )
    .map(([value, key, how, replacement]) => {
      const copy = { ...(value as Record<string, unknown>) };
      if (how === 'drop') delete copy[key];
      if (how === 'retype') copy[key] = replacement;
      if (how === 'huge') copy[key] = 'x'.repeat(100_000);
      if (how === 'extra') copy[`${key}Extra`] = replacement;
      if (how === 'null') copy[key] = null;
      return copy;
    });
}

const CSV_COLUMNS = [
  'mrn',
  'sex',
  'race',
  'total_cholesterol_mg_dl',
  'hdl_mg_dl',
  'systolic_bp_mmhg',
  'bp_treated',
  'smoker',
  'diabetes',
  'lipid_lowering',
  'family_history',
  'known_ascvd',
];

const csvCell = fc.oneof(
  fc.constantFrom(
    '',
    'M',
    'F',
    'white',
    'black',
    'yes',
    'no',
    '1',
    '0',
    '180',
    '45',
    '130',
    '4.5',
    '"quoted, cell"',
    '"',
  ),
  nastyString.map((value) => value.replace(/[\r\n]/g, ' ').slice(0, 200)),
);

const csvBody = fc
  .tuple(
    fc.subarray(CSV_COLUMNS, { minLength: 1 }),
    fc.boolean(),
    fc.array(fc.array(csvCell, { minLength: 1, maxLength: 13 }), { maxLength: 6 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([columns, withMrn, rows, newline]) => {
    const header = withMrn && !columns.includes('mrn') ? ['mrn', ...columns] : columns;
    return [header.join(','), ...rows.map((cells) => cells.join(','))].join(newline);
  });

const fhirBody = fc.oneof(
  anyJson,
  fc.record({
    resourceType: fc.constantFrom('Bundle', 'Patient', 'bundle', 1),
    type: fc.constantFrom('collection', 'transaction', 'x'),
    entry: fc.oneof(
      anyJson,
      fc.array(
        fc.record(
          {
            fullUrl: fc.oneof(fc.constant('urn:uuid:1'), nastyString),
            resource: fc.oneof(
              anyJson,
              fc.record(
                {
                  resourceType: fc.constantFrom('Patient', 'Observation', 'Condition', 'MedicationStatement', 'X'),
                  id: fc.oneof(fc.constant('1'), nastyString),
                  identifier: fc.oneof(
                    anyJson,
                    fc.array(fc.record({ type: anyJson, value: fc.oneof(fc.constant('ROB-1'), nastyString) })),
                  ),
                  gender: fc.oneof(fc.constantFrom('male', 'female'), anyJson),
                  subject: fc.oneof(fc.record({ reference: fc.constantFrom('Patient/1', 'urn:uuid:1') }), anyJson),
                  code: anyJson,
                  valueQuantity: fc.oneof(
                    fc.record({ value: fc.oneof(fc.double(), anyJson), unit: fc.constantFrom('mg/dL', 'mmol/L', 'x') }),
                    anyJson,
                  ),
                  effectiveDateTime: fc.oneof(isoDate, nastyString),
                  status: fc.oneof(fc.constantFrom('final', 'active', 'entered-in-error'), anyJson),
                },
                { requiredKeys: ['resourceType'] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    ),
  }),
);

/** Bodies that are not what any route wants: bad JSON, bad media types, bad charsets. */
const brokenBody: fc.Arbitrary<Body> = fc.oneof(
  fc
    .constantFrom('{', '{"a":', '[1,', '{"a":1}}', "{'a':1}", 'nul', '\u0000', '\ufeff{}', '{"a":"\\ud800"}', '1e999')
    .map((text) => raw(text, 'application/json')),
  fc
    .tuple(
      fc.constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'image/png',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'text/csv; charset=koi8-r',
        'application/fhir+json; charset=ebcdic',
        'json',
        ';;;',
      ),
      fc.oneof(fc.constant('{"name":"x"}'), fc.constant('a=1&b=2'), nastyString),
    )
    .map(([type, text]) => raw(text, type)),
  fc.oneof(fc.constant('{"body":"no content type"}'), nastyString).map((text) => raw(text)),
  // Deep nesting.
  fc.integer({ min: 1000, max: 5000 }).map((depth) => raw('['.repeat(depth) + ']'.repeat(depth), 'application/json')),
  fc
    .integer({ min: 1000, max: 5000 })
    .map((depth) => raw('{"a":'.repeat(depth) + '1' + '}'.repeat(depth), 'application/json')),
);

function bodyOf(op: Op, hostile: boolean): fc.Arbitrary<Body | null> {
  const content = op.operation.requestBody?.content;
  if (!content) {
    return hostile
      ? fc.option(
          fc.oneof(
            brokenBody,
            anyJson.map((value) => json(value)),
          ),
          { freq: 3 },
        )
      : fc.constant(null);
  }
  const good: Array<fc.Arbitrary<Body>> = [];
  const bad: Array<fc.Arbitrary<Body>> = [brokenBody];
  for (const [type, media] of Object.entries(content)) {
    if (type === 'text/csv') {
      good.push(csvBody.map((text) => raw(text, 'text/csv')));
      bad.push(fc.oneof(nastyString, fc.string({ maxLength: 200 })).map((text) => raw(text, 'text/csv')));
    } else if (type.endsWith('json') && media.schema?.type === 'object') {
      good.push(conforming(media.schema).map((value) => json(value, type)));
      bad.push(mutatedObject(media.schema).map((value) => json(value, type)));
      bad.push(anyJson.map((value) => json(value, type)));
    } else if (type.endsWith('json')) {
      good.push(fhirBody.map((value) => json(value, type)));
      bad.push(anyJson.map((value) => json(value, type)));
    }
  }
  if (good.length === 0) good.push(anyJson.map((value) => json(value)));
  const chosen = hostile ? fc.oneof(...good, ...bad) : fc.oneof(...good);
  return op.operation.requestBody?.required || !hostile ? chosen : fc.option(chosen, { freq: 4 });
}

function callerHeaders(caller: Caller): fc.Arbitrary<Record<string, string>> {
  switch (caller) {
    case 'admin':
      return fc.constantFrom<Record<string, string>>(
        { authorization: `Bearer ${ADMIN_KEY}` },
        { 'x-api-key': ADMIN_KEY },
      );
    case 'coordinator':
      return fc.constant({ 'x-api-key': coordinatorKey });
    case 'none':
      return fc.constant({});
    case 'wrong-key':
      return fc.oneof(
        fc.constantFrom<Record<string, string>>(
          { authorization: 'Bearer' },
          { authorization: 'Bearer ' },
          { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
          { authorization: `Bearer ${ADMIN_KEY}x` },
          { authorization: `bearer  ${ADMIN_KEY.slice(1)}` },
          { 'x-api-key': '' },
          { 'x-api-key': ' ' },
          { 'x-api-key': 'x'.repeat(8000) },
          { authorization: `Bearer ${ADMIN_KEY} extra` },
        ),
        fc
          .stringOf(
            fc.char().filter((c) => c >= ' ' && c <= '~'),
            { minLength: 1, maxLength: 80 },
          )
          .map((key) => ({ 'x-api-key': key })),
      );
  }
}

let coordinatorKey = '';

function requests(op: Op, caller: Caller, hostile: boolean): fc.Arbitrary<GeneratedRequest> {
  return fc
    .tuple(pathOf(op, hostile), queryString(op.operation, hostile), bodyOf(op, hostile), callerHeaders(caller))
    .map(([route, query, body, auth]) => ({
      caller,
      path: route,
      query,
      headers: { ...auth, ...(body?.headers ?? {}) },
      body: body?.body,
      shape: body?.shape ?? '(no body)',
    }));
}

/** Non-string JSON values put in every body field by the edge-case pass. */
const ODD_JSON: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  [],
  {},
  ['a'],
  { a: 1 },
  'x'.repeat(100_000),
];
const BAD_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%FF', '%2F', '..', '%2E%2E'];

/**
 * Every nasty string in every query parameter, path parameter and body field (one at a time, the rest valid), and
 * every broken body: the same list on every run, next to the random requests.
 */
function edgeCases(op: Op): GeneratedRequest[] {
  const auth = { 'x-api-key': ADMIN_KEY };
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const sample = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, { seed: SEED, numRuns: 1 })[0];
  const goodSegments = names.map((name) =>
    pct(
      sample(
        goodPathValue(
          op,
          op.operation.parameters?.find((p) => p.in === 'path' && p.name === name),
        ),
      ),
    ),
  );
  const route = (segments: string[]) =>
    names.reduce((result, name, index) => result.replace(`{${name}}`, segments[index]), op.path);
  const content = op.operation.requestBody?.content ?? {};
  const jsonType = Object.keys(content).find((type) => type.endsWith('json'));
  const objectSchema = jsonType ? content[jsonType].schema : undefined;
  const jsonBody: Body | null =
    objectSchema?.type === 'object'
      ? json(sample(conforming({ ...objectSchema, required: Object.keys(objectSchema.properties ?? {}) })), jsonType)
      : null;
  // An operation that reads CSV as well (the import) is sent its CSV by default; JSON fields are mutated on the JSON.
  const goodBody: Body | null = content['text/csv'] ? raw('mrn,hdl_mg_dl\nROB-0,45\n', 'text/csv') : jsonBody;
  const make = (path: string, query: string, body: Body | null, shape?: string): GeneratedRequest => ({
    caller: 'admin',
    path,
    query,
    headers: { ...auth, ...(body?.headers ?? {}) },
    body: body?.body,
    shape: shape ?? body?.shape ?? '(no body)',
  });
  const cases: GeneratedRequest[] = [];
  for (const parameter of (op.operation.parameters ?? []).filter((p) => p.in === 'query')) {
    for (const value of NASTY_STRINGS)
      cases.push(make(route(goodSegments), `${pct(parameter.name)}=${pct(value)}`, goodBody));
  }
  names.forEach((_name, index) => {
    const values = [...NASTY_STRINGS.filter((value) => value !== '').map(pct), ...BAD_SEGMENTS];
    for (const value of values) {
      const segments = [...goodSegments];
      segments[index] = value;
      cases.push(make(route(segments), '', goodBody));
    }
  });
  if (objectSchema?.type === 'object' && jsonBody?.body) {
    const base = JSON.parse(jsonBody.body.toString('utf8')) as Record<string, unknown>;
    for (const field of Object.keys(objectSchema.properties ?? {})) {
      for (const value of [...NASTY_STRINGS, ...ODD_JSON]) {
        cases.push(make(route(goodSegments), '', json({ ...base, [field]: value }, jsonType)));
      }
    }
  }
  if (content['text/csv']) {
    for (const column of CSV_COLUMNS) {
      for (const value of NASTY_STRINGS) {
        const cell = value.includes(',') || value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value;
        const text = column === 'mrn' ? `mrn,hdl_mg_dl\n${cell},45\n` : `mrn,${column}\nROB-1,${cell}\n`;
        cases.push(make(route(goodSegments), '', raw(text, 'text/csv')));
      }
    }
  }
  if (op.operation.requestBody || op.method !== 'GET') {
    for (const body of fc.sample(brokenBody, { seed: SEED, numRuns: 40 }))
      cases.push(make(route(goodSegments), '', body));
  }
  return cases;
}

// ---- what every response must be --------------------------------------------------------------------------------

function problems(op: Op, request: GeneratedRequest, response: Response): string[] {
  const found: string[] = [];
  if (response.status < 0) found.push('no response');
  if (response.status >= 500) found.push(`a ${response.status}`);
  if (response.status >= 400 && response.status < 500) {
    let body: { message?: unknown } | null = null;
    try {
      body = JSON.parse(response.text) as { message?: unknown };
    } catch {
      found.push(`a ${response.status} whose body is not JSON`);
    }
    if (!response.contentType.includes('application/json'))
      found.push(`a ${response.status} as ${response.contentType}`);
    const message = body?.message;
    if (body && !(typeof message === 'string' && message.trim().length > 0)) {
      found.push(`a ${response.status} without a message`);
    }
  }
  if (response.status >= 200 && response.status < 300 && !(String(response.status) in op.operation.responses)) {
    found.push(`an undocumented ${response.status} (documented: ${Object.keys(op.operation.responses).join(', ')})`);
  }
  const secured = (op.operation.security?.length ?? 0) > 0;
  if (secured && (request.caller === 'none' || request.caller === 'wrong-key') && response.status < 400) {
    found.push(`a ${response.status} without a valid key`);
  }
  if (response.status >= 300 && response.status < 400) found.push(`a redirect (${response.status})`);
  return found;
}

/**
 * Operations with a known 5xx that is being fixed where it lives (not by this test's author): the reason, kept short.
 * Each runs as `it.failing`, so the suite stays green meanwhile and goes red once the fix lands, to remove the entry.
 */
const KNOWN_OPEN: Record<string, string> = {};

// ---- the run ----------------------------------------------------------------------------------------------------

describe('the API against generated requests for every operation in docs/openapi.json', () => {
  let api: TestApi;
  let port: number;
  let temporal: Client;

  beforeAll(async () => {
    process.env.CACSCREEN_TASK_QUEUE_PREFIX = uniqueTaskQueuePrefix('openapi-robustness');
    temporal = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    api = await startTestApi('cacscreen_api_openapi_robustness', { listen: true, temporal });
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    coordinatorKey = api.keys.coordinator;
    for (let i = 0; i < 6; i++) {
      const seeded = await seedPatient(api.db, {
        mrn: `ROB-${i}`,
        site: ['north', 'south'][i % 2],
        age: 50 + i,
        tier: ['high-priority', 'statin-recommended', 'consider-statin'][i % 3],
        status: ['open', 'claimed', 'contacted', 'scheduled', 'closed', 'dismissed'][i],
      });
      knownIds.result.push(seeded.resultId);
      knownIds.other.push(seeded.studyId, seeded.patientId);
      if (seeded.itemId) knownIds.item.push(seeded.itemId);
    }
    // A sweep whose workflow never existed in Temporal (as after a restore, or long after it finished).
    knownIds.sweep.push(
      await ensureSweep(api.db, { workflowId: 'sweep/robustness-gone', source: '/nowhere', modelVersion: 't' }),
    );
    // Not the coordinator's key: the coordinator caller must keep working when generated requests revoke keys.
    for (const key of await api.db.apiKey.findMany({ where: { name: { not: 'carla' } } })) knownIds.key.push(key.id);
  });

  afterAll(async () => {
    // Sweeps the generated requests started: nothing runs them (no workers on this prefix); end them.
    const started = (await api?.db.sweep.findMany({ where: { workflowId: { startsWith: 'sweep/' } } })) ?? [];
    for (const sweep of started) {
      await temporal?.workflow
        .getHandle(sweep.workflowId)
        .terminate('openapi robustness test finished')
        .catch(() => undefined);
    }
    agent.destroy();
    await api?.close();
    await temporal?.connection.close();
    delete process.env.CACSCREEN_TASK_QUEUE_PREFIX;
  });

  it('reads every operation of the committed description', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(19);
    expect(OPERATIONS.map((op) => op.name)).toEqual(
      expect.arrayContaining(['GET /api/worklist', 'PATCH /api/worklist/{id}']),
    );
  });

  const callers: Array<[Caller, boolean, number]> = [
    ['admin', false, RUNS],
    ['admin', true, RUNS * 2],
    ['coordinator', true, Math.ceil(RUNS / 4)],
    ['none', true, Math.ceil(RUNS / 4)],
    ['wrong-key', true, Math.ceil(RUNS / 4)],
  ];

  async function checkOperation(op: Op): Promise<void> {
    // Every generated request is sent (no early stop), so one run lists every kind of failure of the operation.
    const failures = new Map<string, string>();
    let sent = 0;
    const batches = [
      edgeCases(op),
      ...callers.map(([caller, hostile, numRuns], index) =>
        fc.sample(requests(op, caller, hostile), { seed: SEED + index, numRuns }),
      ),
    ];
    for (const batch of batches) {
      for (const request of batch) {
        const caller = request.caller;
        const response = await send(port, op.method, request);
        sent++;
        const found = problems(op, request, response);
        if (found.length === 0) continue;
        const names = [...new Set(request.query.split('&').map((pair) => pair.split('=')[0]))].sort().join(',');
        const kind = `${found.join('; ')} as ${caller} [${names}] ${request.shape.slice(0, 40)}`;
        if (failures.has(kind)) continue;
        failures.set(
          kind,
          `${kind}: ${op.method} ${request.path}${request.query ? `?${request.query.slice(0, 300)}` : ''}, ` +
            `body ${request.shape} -> ${response.text.slice(0, 300)}`,
        );
      }
    }
    expect(sent).toBeGreaterThan(0);
    expect([...failures.values()]).toEqual([]);
  }

  const open = OPERATIONS.filter((op) => op.name in KNOWN_OPEN);
  it.each(OPERATIONS.filter((op) => !(op.name in KNOWN_OPEN)).map((op) => [op.name, op] as const))(
    '%s',
    async (_name, op) => checkOperation(op),
  );
  if (open.length > 0) {
    // Known and owned elsewhere: expected to fail until fixed, when this turns red as a reminder to drop the entry.
    it.failing.each(open.map((op) => [op.name, KNOWN_OPEN[op.name], op] as const))(
      '%s (known: %s)',
      async (_name, _why, op) => checkOperation(op),
    );
  }

  it('answers the requests that once were 500s (or cut-off files) with the right 4xx, naming the field', async () => {
    const item = knownIds.item[0];
    const sweep = knownIds.sweep[0];
    const cases: Array<[string, string, Record<string, string>, string | undefined, number, string | undefined]> = [
      // [method, path and query, headers, body, status, field named in issues]
      ['GET', '/api/worklist?offset=1e20', {}, undefined, 400, 'offset'],
      ['GET', '/api/sweeps?offset=99999999999999999999', {}, undefined, 400, 'offset'],
      ['GET', '/api/worklist?minScore=Infinity', {}, undefined, 400, 'minScore'],
      ['GET', '/api/worklist?flaggedTo=9999-12-31', {}, undefined, 400, 'flaggedTo'],
      ['GET', '/api/export/worklist.csv?studyFrom=0000-01-01', {}, undefined, 400, 'studyFrom'],
      ['GET', '/api/worklist?tier=%00', {}, undefined, 400, 'tier'],
      ['GET', '/api/export/results.csv?modelVersion=a%00', {}, undefined, 400, 'modelVersion'],
      [
        'POST',
        `/api/worklist/${item}/notes`,
        { 'content-type': 'application/json' },
        '{"body":"\\u0000"}',
        400,
        'body',
      ],
      [
        'POST',
        `/api/worklist/${item}/notes`,
        { 'content-type': 'application/json' },
        '{"body":"\\ud800"}',
        400,
        'body',
      ],
      [
        'POST',
        '/api/keys',
        { 'content-type': 'application/json' },
        '{"name":"ok","role":"lead","\\u0000":1}',
        400,
        '(root)',
      ],
      ['PATCH', `/api/worklist/${item}`, { 'content-type': 'text/plain' }, 'status=closed', 415, undefined],
      ['PATCH', `/api/worklist/${item}`, { 'content-type': 'application/xml' }, '<status/>', 415, undefined],
      ['POST', `/api/worklist/${item}/notes`, {}, 'no content type', 415, undefined],
      ['PATCH', `/api/worklist/${item}`, { 'content-type': 'application/json; charset=latin1' }, '{}', 415, undefined],
      ['PATCH', `/api/worklist/${item}`, { 'content-type': 'application/json' }, '{"status":', 400, undefined],
      ['POST', `/api/sweeps/${sweep}/pause`, {}, undefined, 409, undefined],
      ['GET', '/api/worklist/%E0%A4%A', {}, undefined, 400, undefined],
      ['GET', `/api/worklist?mrn=${'x'.repeat(20_000)}`, {}, undefined, 431, undefined],
    ];
    for (const [method, target, headers, body, status, field] of cases) {
      const [route, query = ''] = target.split('?');
      const response = await send(port, method, {
        caller: 'admin',
        path: route,
        query,
        headers: { 'x-api-key': ADMIN_KEY, ...headers },
        body: body === undefined ? undefined : Buffer.from(body, 'utf8'),
        shape: body ?? '(no body)',
      });
      const parsed = JSON.parse(response.text) as { message: string; issues?: Array<{ field: string }> };
      expect({ target, body, status: response.status }).toEqual({ target, body, status });
      expect(parsed.message).toEqual(expect.any(String));
      if (field) expect(parsed.issues?.map((issue) => issue.field)).toContain(field);
    }
  });

  it('answers an oversized body with 413 and a message, whatever the route', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 'a');
    for (const [method, route, type] of [
      ['POST', '/api/import/risk-factors', 'text/csv'],
      ['PATCH', `/api/worklist/${knownIds.item[0]}`, 'application/json'],
    ] as const) {
      const response = await send(port, method, {
        caller: 'admin',
        path: route,
        query: '',
        headers: { 'x-api-key': ADMIN_KEY, 'content-type': type },
        body: big,
        shape: 'big',
      });
      expect(response.status).toBe(413);
      expect(JSON.parse(response.text)).toMatchObject({ message: expect.any(String) });
    }
  });
});
