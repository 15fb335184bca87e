import { z } from 'zod';

const coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
export const conceptSchema = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });
export type Concept = z.infer<typeof conceptSchema>;
const identifier = z.object({
  system: z.string().optional(),
  value: z.string().optional(),
  type: conceptSchema.optional(),
});
export const referenceSchema = z.object({ reference: z.string().optional(), identifier: identifier.optional() });
export type Reference = z.infer<typeof referenceSchema>;
const quantity = z.object({
  value: z.number(),
  unit: z.string().optional(),
  code: z.string().optional(),
  system: z.string().optional(),
});
export type Quantity = z.infer<typeof quantity>;

export const bundleSchema = z.object({
  resourceType: z.literal('Bundle', { errorMap: () => ({ message: 'resourceType must be "Bundle"' }) }),
  entry: z
    .array(z.object({ fullUrl: z.string().optional(), resource: z.object({ resourceType: z.string() }).passthrough() }))
    .max(200_000)
    .default([]),
});

export const patientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: z.array(identifier).min(1, 'a Patient needs an identifier (the MRN)'),
  gender: z.string().optional(),
  /** The organisation that manages the patient's record: its `display` is the patient's site. */
  managingOrganization: z.object({ display: z.string().optional() }).passthrough().optional(),
});

export const observationSchema = z.object({
  resourceType: z.literal('Observation'),
  status: z.string().optional(),
  code: conceptSchema,
  subject: referenceSchema,
  effectiveDateTime: z.string().optional(),
  valueQuantity: quantity.optional(),
  valueCodeableConcept: conceptSchema.optional(),
  component: z.array(z.object({ code: conceptSchema, valueQuantity: quantity.optional() })).optional(),
});
export type FhirObservation = z.infer<typeof observationSchema>;

export const medicationStatementSchema = z.object({
  resourceType: z.literal('MedicationStatement'),
  status: z.string(),
  subject: referenceSchema,
  medicationCodeableConcept: conceptSchema.optional(),
});

export const conditionSchema = z.object({
  resourceType: z.literal('Condition'),
  clinicalStatus: conceptSchema.optional(),
  verificationStatus: conceptSchema.optional(),
  code: conceptSchema,
  subject: referenceSchema,
});
