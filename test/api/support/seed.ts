// Test data written straight into the tables, as a sweep would leave them.
import { randomUUID } from 'node:crypto';
import { Db, TIER_PRIORITY } from '@cacscreen/db';
import { hashApiKey } from '../../../apps/api/src/auth/api-key.secret';
import type { Role } from '../../../apps/api/src/auth/roles';

export interface SeedPatient {
  mrn: string;
  sex?: 'M' | 'F';
  site?: string;
  age?: number;
  studyDate?: string;
  agatston?: number;
  tier?: string;
  status?: string;
  /** No worklist item (a scored but unflagged result). */
  noItem?: boolean;
}

export interface Seeded {
  patientId: string;
  studyId: string;
  resultId: string;
  itemId: string | null;
}

export async function seedPatient(db: Db, input: SeedPatient): Promise<Seeded> {
  const patient = await db.patient.create({
    data: { mrn: input.mrn, sex: input.sex ?? 'M', site: input.site ?? 'north' },
  });
  const study = await db.study.create({
    data: {
      studyInstanceUid: `1.2.826.0.1.3680043.9.${Math.floor(Math.random() * 1e9)}.${Date.now()}`,
      patientId: patient.id,
      ageAtStudy: input.age ?? 60,
      studyDate: new Date(`${input.studyDate ?? '2024-03-01'}T00:00:00Z`),
      source: 'test',
    },
  });
  const agatston = input.agatston ?? 250;
  const result = await db.screeningResult.create({
    data: {
      studyId: study.id,
      modelName: 'test-model',
      modelVersion: 'test-1',
      status: 'scored',
      agatstonTotal: agatston,
      agatstonLM: 0,
      agatstonLAD: agatston * 0.6,
      agatstonLCX: agatston * 0.1,
      agatstonRCA: agatston * 0.3,
      volumeMm3: agatston * 0.8,
      cacDrs: 'A2',
      category: agatston >= 300 ? '>=300' : agatston >= 100 ? '100-299' : '1-99',
      qualityFlags: [],
    },
  });
  const tier = input.tier ?? 'statin-recommended';
  await db.riskAssessment.create({
    data: {
      screeningResultId: result.id,
      pooledCohortPct: 9.1,
      framinghamPct: 12.3,
      mesaWithCacPct: 8.2,
      tier,
      flagged: true,
      rationale: [`seeded tier ${tier}`],
      missing: ['totalCholesterol', 'hdl'],
      warnings: [],
      inputs: {},
    },
  });
  if (input.noItem) return { patientId: patient.id, studyId: study.id, resultId: result.id, itemId: null };
  const status = input.status ?? 'open';
  const item = await db.worklistItem.create({
    data: {
      patientId: patient.id,
      openKey: ['closed', 'dismissed'].includes(status) ? null : patient.id,
      screeningResultId: result.id,
      status,
      tier,
      priority: TIER_PRIORITY[tier] ?? 9,
      agatstonTotal: agatston,
    },
  });
  return { patientId: patient.id, studyId: study.id, resultId: result.id, itemId: item.id };
}

/** An API key stored as the API stores it; returns the key. */
export async function seedKey(db: Db, name: string, role: Role): Promise<string> {
  const key = `test_${name}_${randomUUID()}`;
  await db.apiKey.create({
    data: { name, role, keyHash: hashApiKey(key), prefix: key.slice(0, 8), createdBy: 'test' },
  });
  return key;
}
