import { BadRequestException } from '@nestjs/common';
import type { RiskFactorValues } from '@cacscreen/db';
import { fieldIssues } from '../common/zod-query.pipe';
import {
  bundleSchema,
  conditionSchema,
  medicationStatementSchema,
  observationSchema,
  patientSchema,
  Reference,
} from './fhir-bundle.schema';
import { codesOf, conditionClasses, medicationClasses, observationFact } from './fhir-facts';
import type { ImportRow, ParsedImport, RowIssue } from './import.dto';
import { siteText } from './risk-factor-fields';

interface PatientFacts {
  row: ImportRow;
  /** When each observed value was measured, so the newest of several wins. */
  observedAt: Partial<Record<keyof RiskFactorValues, number>>;
}

const MR = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const INACTIVE_CONDITION = ['inactive', 'remission', 'resolved'];
const DOUBTFUL_CONDITION = ['refuted', 'entered-in-error'];

/** The MRN: the identifier typed MR (HL7 v2-0203), else the Patient's only identifier. */
function mrnOf(
  identifiers: Array<{ value?: string; type?: { coding?: Array<{ system?: string; code?: string }> } }>,
): string | null {
  const typed = identifiers.find((id) => codesOf(id.type, MR).includes('MR'));
  const chosen = typed ?? (identifiers.length === 1 ? identifiers[0] : undefined);
  const value = chosen?.value?.trim();
  return value ? value : null;
}

/**
 * Reads a FHIR R4 Bundle: each Patient (identified by MRN) becomes one import row; Observations, MedicationStatements
 * and Conditions that refer to it (by `Patient/<id>`, its fullUrl, or an identifier) fill its values. Resources of
 * other types, and codes outside fhir-codes.ts, are ignored. Errors name the entry index and the field.
 */
export function readRiskFactorsBundle(body: unknown): ParsedImport {
  const bundle = bundleSchema.safeParse(body);
  if (!bundle.success)
    throw new BadRequestException({ message: 'Invalid FHIR Bundle', issues: fieldIssues(bundle.error.issues) });
  const entries = bundle.data.entry;
  const errors: RowIssue[] = [];
  const patients: PatientFacts[] = [];
  const byReference = new Map<string, PatientFacts>();
  const byMrn = new Map<string, PatientFacts>();
  const issue = (row: number, field: string, message: string) =>
    errors.push({ row, field: `entry.${row}.resource.${field}`, message });

  entries.forEach((entry, index) => {
    if (entry.resource.resourceType !== 'Patient') return;
    const parsed = patientSchema.safeParse(entry.resource);
    if (!parsed.success) return fieldIssues(parsed.error.issues).forEach((i) => issue(index, i.field, i.message));
    const mrn = mrnOf(parsed.data.identifier);
    if (!mrn)
      return issue(index, 'identifier', 'no identifier typed MR (and more than one identifier, or none with a value)');
    if (byMrn.has(mrn)) return issue(index, 'identifier', 'this MRN appears in an earlier Patient entry');
    const sex = parsed.data.gender === 'male' ? 'M' : parsed.data.gender === 'female' ? 'F' : undefined;
    const organisation = parsed.data.managingOrganization?.display;
    const site = organisation === undefined ? undefined : siteText(organisation);
    if (site && !site.ok) return issue(index, 'managingOrganization.display', `the site ${site.message}`);
    const row: ImportRow = { row: index, mrn, sex, ...(site?.ok ? { site: site.value } : {}), values: {} };
    const facts: PatientFacts = { row, observedAt: {} };
    patients.push(facts);
    byMrn.set(mrn, facts);
    if (entry.fullUrl) byReference.set(entry.fullUrl, facts);
    if (parsed.data.id) byReference.set(`Patient/${parsed.data.id}`, facts);
  });

  const subjectOf = (reference: Reference): PatientFacts | undefined =>
    (reference.reference ? byReference.get(reference.reference) : undefined) ??
    (reference.identifier?.value ? byMrn.get(reference.identifier.value) : undefined);

  entries.forEach((entry, index) => {
    const type = entry.resource.resourceType;
    if (type === 'Observation') {
      const parsed = observationSchema.safeParse(entry.resource);
      if (!parsed.success) return fieldIssues(parsed.error.issues).forEach((i) => issue(index, i.field, i.message));
      const fact = observationFact(parsed.data);
      if (!fact) return;
      if (!fact.ok) return issue(index, 'value', fact.message);
      const patient = subjectOf(parsed.data.subject);
      if (!patient) return issue(index, 'subject', 'refers to no Patient in this Bundle');
      const at = parsed.data.effectiveDateTime ? Date.parse(parsed.data.effectiveDateTime) || 0 : 0;
      const { field, value } = fact.value;
      if ((patient.observedAt[field] ?? -1) > at) return;
      patient.observedAt[field] = at;
      Object.assign(patient.row.values, { [field]: value });
    } else if (type === 'MedicationStatement') {
      const parsed = medicationStatementSchema.safeParse(entry.resource);
      if (!parsed.success) return fieldIssues(parsed.error.issues).forEach((i) => issue(index, i.field, i.message));
      const classes = medicationClasses(parsed.data.medicationCodeableConcept);
      if (classes.length === 0 || parsed.data.status !== 'active') return;
      const patient = subjectOf(parsed.data.subject);
      if (!patient) return issue(index, 'subject', 'refers to no Patient in this Bundle');
      for (const cls of classes) patient.row.values[cls] = true;
    } else if (type === 'Condition') {
      const parsed = conditionSchema.safeParse(entry.resource);
      if (!parsed.success) return fieldIssues(parsed.error.issues).forEach((i) => issue(index, i.field, i.message));
      const classes = conditionClasses(parsed.data.code);
      const clinical = parsed.data.clinicalStatus?.coding?.[0]?.code;
      const verification = parsed.data.verificationStatus?.coding?.[0]?.code;
      if (
        classes.length === 0 ||
        INACTIVE_CONDITION.includes(clinical ?? '') ||
        DOUBTFUL_CONDITION.includes(verification ?? '')
      )
        return;
      const patient = subjectOf(parsed.data.subject);
      if (!patient) return issue(index, 'subject', 'refers to no Patient in this Bundle');
      for (const cls of classes) patient.row.values[cls] = true;
    }
  });
  return { format: 'fhir', received: patients.length, rows: patients.map((p) => p.row), errors };
}
