import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** `#/components/schemas/<name>`: for @ApiOkResponse({ schema: ref('WorklistItem') }). */
export const ref = (name: keyof typeof RESPONSE_SCHEMAS): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** A page of `item`: { items, total, limit, offset }. */
export const pageOf = (item: keyof typeof RESPONSE_SCHEMAS): SchemaObject => ({
  type: 'object',
  required: ['items', 'total', 'limit', 'offset'],
  properties: {
    items: { type: 'array', items: ref(item) },
    total: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    offset: { type: 'integer', minimum: 0 },
  },
});

const text = (nullable = false): SchemaObject => ({ type: 'string', nullable });
const number = (nullable = false): SchemaObject => ({ type: 'number', nullable });
const integer = (nullable = false): SchemaObject => ({ type: 'integer', nullable });
const uuid = (nullable = false): SchemaObject => ({ type: 'string', format: 'uuid', nullable });
const dateTime = (nullable = false): SchemaObject => ({ type: 'string', format: 'date-time', nullable });
const date = (nullable = false): SchemaObject => ({ type: 'string', format: 'date', nullable });
const object = (properties: Record<string, SchemaObject>, nullable = false): SchemaObject => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
  nullable,
});
/** JSON the API passes through as stored (audit before/after, lesions): any value. */
const anyJson: SchemaObject = { nullable: true };

const byArtery = object({ LM: number(true), LAD: number(true), LCX: number(true), RCA: number(true) });
const grades = object(
  {
    ordinal: object({
      total: integer(),
      byArtery: object({ LM: integer(), LAD: integer(), LCX: integer(), RCA: integer() }),
    }),
    visualFromAgatston: text(),
    visualFromOrdinal: text(),
    method: text(),
  },
  true,
);
const preventRisks = {
  type: 'object',
  description: 'PREVENT risks in percent (totalCvdPct, ascvdPct, heartFailurePct)',
};
const prevent: SchemaObject = {
  type: 'object',
  nullable: true,
  properties: { tenYear: { ...preventRisks, nullable: true }, thirtyYear: { ...preventRisks, nullable: true } },
};
const cacPercentile: SchemaObject = { type: 'object', nullable: true, description: 'Approximate MESA percentile' };

const worklistItem = object({
  id: uuid(),
  status: { type: 'string', enum: ['open', 'claimed', 'contacted', 'scheduled', 'closed', 'dismissed'] },
  tier: text(),
  priority: integer(),
  agatstonTotal: number(),
  assignee: text(true),
  dueDate: date(true),
  dismissReason: text(true),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  patient: object({ mrn: text(), sex: text(true), site: text(true) }),
  study: object({ studyInstanceUid: text(), studyDate: date(true), ageAtStudy: integer(true) }),
  result: object({
    id: uuid(),
    sweepId: uuid(true),
    byArtery,
    cacDrs: text(true),
    category: text(true),
    grades,
    lowConfidence: { type: 'boolean' },
  }),
  risk: object(
    {
      framinghamPct: number(true),
      pooledCohortPct: number(true),
      mesaWithCacPct: number(true),
      prevent,
      cacPercentile,
      rationale: anyJson,
      missing: { type: 'array', items: text() },
    },
    true,
  ),
});

const note = object({ id: uuid(), author: text(), body: text(), createdAt: dateTime() });

const counters = object({
  seen: integer(),
  screened: integer(),
  skipped: integer(),
  failed: integer(),
  flagged: { type: 'integer', description: 'Worklist items this sweep created: GET /api/worklist?sweepId= lists them' },
});

const sweep = object({
  id: uuid(),
  workflowId: text(),
  source: text(),
  modelVersion: text(),
  status: text(),
  counters,
  startedAt: dateTime(),
  finishedAt: dateTime(true),
  error: text(true),
});

const result = object({
  id: uuid(),
  status: { type: 'string', enum: ['scored', 'rejected', 'failed'] },
  reason: text(true),
  studyInstanceUid: text(),
  seriesInstanceUid: text(true),
  model: object({ name: text(), version: text() }),
  agatston: object({ total: number(), byArtery }, true),
  volumeMm3: number(true),
  massMg: number(true),
  cacDrs: text(true),
  category: text(true),
  grades,
  lowConfidence: { type: 'boolean' },
  qualityFlags: { type: 'array', items: text() },
  risk: { type: 'object', nullable: true, description: 'Tier, flagged, risk estimates, rationale, missing inputs' },
  sweepId: uuid(true),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

const apiKey = object({
  id: uuid(),
  name: text(),
  role: { type: 'string', enum: ['coordinator', 'lead', 'admin'] },
  prefix: text(),
  createdBy: text(),
  createdAt: dateTime(),
  revokedAt: dateTime(true),
});

/** Schemas of the responses, registered under #/components/schemas. */
export const RESPONSE_SCHEMAS = {
  Error: {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string', description: 'The status in words, e.g. BAD_REQUEST' },
      message: { type: 'string' },
      issues: {
        type: 'array',
        description: 'One entry per bad field (400)',
        items: object({ field: text(), message: text() }),
      },
      correlationId: { type: 'string', description: 'Also in the x-correlation-id header' },
    },
  } as SchemaObject,
  Health: object({ status: { type: 'string', enum: ['ok', 'degraded'] }, database: text() }),
  Me: object({ name: text(), role: { type: 'string', enum: ['coordinator', 'lead', 'admin'] } }),
  ApiKey: apiKey,
  NewApiKey: {
    ...apiKey,
    required: [...(apiKey.required ?? []), 'key'],
    properties: { ...apiKey.properties, key: { type: 'string', description: 'The key itself, shown only here' } },
  } as SchemaObject,
  WorklistItem: worklistItem,
  WorklistItemDetail: {
    ...worklistItem,
    required: [...(worklistItem.required ?? []), 'notes', 'history'],
    properties: {
      ...worklistItem.properties,
      notes: { type: 'array', items: note },
      history: {
        type: 'array',
        items: object({
          at: dateTime(),
          actor: text(),
          action: text(),
          before: anyJson,
          after: anyJson,
          correlationId: text(true),
        }),
      },
    },
  } as SchemaObject,
  WorklistNote: note,
  KeyImageList: object({
    worklistItemId: uuid(),
    modelVersion: text(),
    items: {
      type: 'array',
      items: object({
        rank: integer(),
        sliceIndex: integer(),
        zMm: number(),
        agatston: number(),
        arteries: { type: 'array', items: text() },
        width: integer(),
        height: integer(),
        url: text(),
      }),
    },
  }),
  Sweep: sweep,
  SweepDetail: {
    ...sweep,
    required: [...(sweep.required ?? []), 'live'],
    properties: {
      ...sweep.properties,
      live: { type: 'object', nullable: true, description: 'Live progress from the workflow while it runs; else null' },
    },
  } as SchemaObject,
  SweepStarted: object({ id: uuid(), workflowId: text() }),
  SweepSignalled: object({ id: uuid(), signal: { type: 'string', enum: ['pause', 'resume', 'cancel'] } }),
  Result: result,
  ResultDetail: {
    ...result,
    required: [...(result.required ?? []), 'series'],
    properties: {
      ...result.properties,
      lesions: anyJson,
      timingsMs: anyJson,
      series: {
        type: 'array',
        items: object({
          seriesInstanceUid: text(),
          description: text(true),
          modality: text(true),
          sliceThicknessMm: number(true),
          sliceCount: integer(),
          chosen: { type: 'boolean' },
          lowConfidence: { type: 'boolean' },
          reason: text(),
        }),
      },
    },
  } as SchemaObject,
  FhirBundle: {
    type: 'object',
    required: ['resourceType', 'type', 'entry'],
    properties: {
      resourceType: { type: 'string', enum: ['Bundle'] },
      type: { type: 'string', enum: ['collection'] },
      entry: { type: 'array', items: { type: 'object' } },
    },
  } as SchemaObject,
  ImportReport: object({
    format: { type: 'string', enum: ['csv', 'fhir'] },
    dryRun: { type: 'boolean' },
    received: integer(),
    valid: integer(),
    stored: integer(),
    unchanged: integer(),
    errors: { type: 'array', items: object({ row: integer(), field: text(), message: text() }) },
    reassessed: {
      type: 'array',
      items: object({
        mrn: text(),
        resultId: uuid(),
        tierBefore: text(true),
        tierAfter: text(),
        flagged: { type: 'boolean' },
        worklist: text(),
      }),
    },
  }),
} satisfies Record<string, SchemaObject>;
