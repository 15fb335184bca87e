import { ApplicationFailure } from '@temporalio/common';
import {
  Db,
  ensureSweep,
  findScreenedStudyUids,
  latestScreenedStudyDate,
  latestRiskFactors,
  recordScreening,
  recordStudy,
  saveSweepProgress,
} from '@cacscreen/db';
import { isValidUid, selectSeries } from '@cacscreen/dicom';
import { assessStoredRisk } from '@cacscreen/risk';
import type { ArchiveRegistry } from './archive-registry';
import { readPatientFacts } from './patient-facts';
import {
  BAD_DATA_FAILURE,
  ListStudiesPageInput,
  PrepareStudyInput,
  PreparedStudy,
  RecordOutcomeInput,
  RecordedOutcome,
  ScreeningActivities,
  StudiesPage,
} from './types';

export function createScreeningActivities(deps: { db: Db; archives: ArchiveRegistry }): ScreeningActivities {
  const { db, archives } = deps;

  return {
    /** One page of the archive, minus the studies this model version already screened. */
    async listStudiesPage(input: ListStudiesPageInput): Promise<StudiesPage> {
      // A sweep's first page looks at the archive afresh: studies may have arrived since the last sweep.
      if (input.cursor === null) archives.refresh(input.source);
      const page = await archives.get(input.source).listStudies(input.cursor, input.pageSize);
      const watermark = input.studiesAfter;
      // DICOM dates (YYYYMMDD) compare correctly as strings.
      // A UID outside the DICOM grammar (a DICOMweb server's answer) must not become a workflow ID: skip it.
      const valid = page.studies.filter((study) => isValidUid(study.studyInstanceUid));
      const recent = valid.filter((study) => !watermark || !study.studyDate || study.studyDate > watermark);
      const uids = recent.map((study) => study.studyInstanceUid);
      const done = await findScreenedStudyUids(db, uids, input.modelVersion);
      return {
        studyInstanceUids: uids.filter((uid) => !done.has(uid)),
        alreadyScreened: done.size,
        olderThanWatermark: valid.length - recent.length,
        nextCursor: page.nextCursor,
      };
    },

    registerSweep: (input) => ensureSweep(db, input),

    async readWatermark(input): Promise<string | null> {
      const newest = await latestScreenedStudyDate(db, input.source, input.modelVersion);
      return newest ? newest.toISOString().slice(0, 10).replace(/-/g, '') : null;
    },

    /** Reads the study's headers, chooses a series and stores every series decision with its reason. */
    async prepareStudy(input: PrepareStudyInput): Promise<PreparedStudy> {
      const done = await findScreenedStudyUids(db, [input.studyInstanceUid], input.modelVersion);
      if (done.size > 0) {
        const studyId = (await db.study.findUniqueOrThrow({ where: { studyInstanceUid: input.studyInstanceUid } })).id;
        return {
          studyId,
          alreadyScreened: true,
          chosenSeriesUid: null,
          lowConfidence: false,
          reason: 'already screened',
        };
      }
      const study = await archives.getStudy(input.source, input.studyInstanceUid);
      const selection = selectSeries(study);
      const patient = await readPatientFacts(study);
      const decisions = new Map(selection.decisions.map((d) => [d.seriesInstanceUid, d]));
      const { studyId } = await recordStudy(db, {
        studyInstanceUid: study.studyInstanceUid,
        patientMrn: patient.mrn,
        patientSex: patient.sex,
        patientBirthDate: patient.birthDate,
        ageAtStudy: patient.ageAtStudy,
        studyDate: patient.studyDate,
        source: input.source,
        institutionName: patient.institutionName,
        series: study.series.map((series) => {
          const decision = decisions.get(series.seriesInstanceUid);
          return {
            seriesInstanceUid: series.seriesInstanceUid,
            modality: series.modality,
            description: series.seriesDescription,
            sliceThicknessMm: series.sliceThicknessMm,
            sliceCount: series.sliceCount,
            chosen: series.seriesInstanceUid === selection.chosen?.seriesInstanceUid,
            lowConfidence: decision?.lowConfidence ?? false,
            reason: decision?.reason ?? 'not evaluated',
          };
        }),
      });
      if (!selection.chosen) {
        const unreadable = study.unreadable.length ? `; ${study.unreadable.length} unreadable file(s)` : '';
        const reasons = selection.decisions.map((d) => d.reason).join('; ') || 'the study has no readable series';
        return {
          studyId,
          alreadyScreened: false,
          chosenSeriesUid: null,
          lowConfidence: false,
          reason: `No eligible series: ${reasons}${unreadable}`,
          warnings: study.warnings,
        };
      }
      const chosen = decisions.get(selection.chosen.seriesInstanceUid);
      return {
        studyId,
        alreadyScreened: false,
        chosenSeriesUid: selection.chosen.seriesInstanceUid,
        lowConfidence: chosen?.lowConfidence ?? false,
        reason: chosen?.reason ?? 'chosen',
        warnings: [...study.warnings, ...selection.chosen.warnings],
      };
    },

    /** Assesses risk from what is on file plus the new score and writes the outcome (and worklist item). */
    async recordOutcome(input: RecordOutcomeInput): Promise<RecordedOutcome> {
      if (input.kind !== 'scored') {
        await recordScreening(db, {
          studyId: input.studyId,
          sweepId: input.sweepId,
          modelName: 'n/a',
          modelVersion: input.modelVersion,
          status: input.kind,
          reason: input.reason,
          score: null,
          risk: null,
          warnings: input.warnings ?? [],
        });
        return { flagged: false, tier: null };
      }
      const study = await db.study.findUnique({ where: { id: input.studyId }, include: { patient: true } });
      if (!study)
        throw ApplicationFailure.create({
          type: BAD_DATA_FAILURE,
          message: `study ${input.studyId} vanished`,
          nonRetryable: true,
        });
      const factors = await latestRiskFactors(db, study.patientId);
      const { analysis } = input;
      const risk = assessStoredRisk(study.patient, study, factors, analysis.agatstonTotal);
      const { worklist } = await recordScreening(db, {
        studyId: input.studyId,
        sweepId: input.sweepId,
        modelName: analysis.model.name,
        modelVersion: input.modelVersion,
        status: 'scored',
        reason: null,
        score: {
          seriesInstanceUid: analysis.seriesInstanceUid,
          agatstonTotal: analysis.agatstonTotal,
          byArtery: analysis.byArtery,
          volumeMm3: analysis.volumeMm3,
          massMg: analysis.massMg,
          cacDrs: analysis.cacDrs,
          category: analysis.category,
          lowConfidence: input.lowConfidence,
          lesions: analysis.lesions,
          qualityFlags: analysis.qualityFlags,
          timingsMs: analysis.timingsMs,
        },
        risk,
        warnings: [...(input.warnings ?? []), ...(analysis.warnings ?? [])],
      });
      return { flagged: worklist === 'created', tier: risk.tier };
    },

    async saveSweepProgress(input): Promise<void> {
      await saveSweepProgress(db, input.sweepId, input.counters, input.status, input.error ?? null);
    },
  };
}
