/**
 * Evaluates the baseline calcium labeller (packages/scoring/src/labelling) on phantom archives.
 *
 *   npx tsx scripts/eval-baseline.ts [--archives 4242,777] [--studies 20] [--noise 15] [--verify] [--quiet]
 *
 * Per study: true vs measured Agatston (total and LM/LAD/LCX/RCA, computeAgatston with default options), CAC
 * category bins (0 / 1-99 / 100-299 / >=300), and where the disagreement comes from: false coronary voxels by the
 * ground-truth lesion kind they overlap (aortic-wall, aortic-valve, mitral-annulus; "none" = bone or noise), missed
 * coronary voxels by artery, and voxels given the wrong artery. --verify also runs generateArchive into a temporary
 * folder and checks that the reproduced per-study settings match its ground-truth.json.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { generateArchive, type PhantomStudy } from '@cacscreen/phantom';
import {
  cacCategory,
  CalciumLabel,
  computeAgatston,
  labelCalciumBaseline,
  type BaselineDiagnostics,
} from '@cacscreen/scoring';
import {
  archiveStudy,
  archiveStudySettings,
  type ArchiveStudySettings,
} from '../packages/scoring/src/labelling/__tests__/archive-studies';
import { numberFlag, scriptArgs } from './lib/script-args';

const ARTERIES = ['LM', 'LAD', 'LCX', 'RCA'] as const;
const isCoronary = (l: number) => l >= CalciumLabel.LM && l <= CalciumLabel.RCA;

const args = scriptArgs(
  {
    archives: { type: 'string', default: '4242,777' },
    studies: { type: 'string' },
    noise: { type: 'string' },
    verify: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    components: { type: 'boolean', default: false },
    tsv: { type: 'boolean', default: false },
    'all-components': { type: 'boolean', default: false },
  },
  'tsx scripts/eval-baseline.ts [--archives 4242,777] [--studies 20] [--noise 15] [--verify] [--quiet] [--components [--tsv] [--all-components]]',
);

interface StudyResult {
  id: string;
  trueTotal: number;
  measuredTotal: number;
  binOk: boolean;
  truthCoronary: number;
  found: number;
  rightArtery: number;
  predicted: number;
  predictedTrue: number;
  bone: number;
  boneAsCoronary: number;
  ms: number;
}

/** Nearest ground-truth lesion (by centre) of a voxel, for naming the kind a false voxel overlaps. */
function lesionKindAt(study: PhantomStudy, i: number): string {
  const v = study.volume;
  const [cols, rows] = v.dims;
  const x = i % cols;
  const y = ((i - x) / cols) % rows;
  const z = Math.floor(i / (cols * rows));
  const p = [
    v.originMm[0] + x * v.spacingMm[0],
    v.originMm[1] + y * v.spacingMm[1],
    v.originMm[2] + z * v.spacingMm[2],
  ];
  let best = 'none';
  let bestD = Infinity;
  for (const l of study.lesions) {
    if (l.label !== CalciumLabel.OtherCalcium) continue;
    const d = Math.hypot(p[0] - l.centreMm[0], p[1] - l.centreMm[1], p[2] - l.centreMm[2]);
    if (d < bestD) {
      bestD = d;
      best = l.kind;
    }
  }
  return best;
}

const f1 = (n: number) => n.toFixed(1);

function evaluate(s: ArchiveStudySettings, quiet: boolean, noiseHu?: number): StudyResult {
  const study = noiseHu === undefined ? archiveStudy(s) : archiveStudy({ ...s, noiseHu } as ArchiveStudySettings);
  const t0 = process.hrtime.bigint();
  const diag: Partial<BaselineDiagnostics> = {};
  const predicted = labelCalciumBaseline(study.volume, diag);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const truth = computeAgatston(study.volume, study.labels).agatston;
  const measured = computeAgatston(study.volume, predicted).agatston;
  const r: StudyResult = {
    id: s.patientId,
    trueTotal: truth.total,
    measuredTotal: measured.total,
    binOk: cacCategory(truth.total) === cacCategory(measured.total),
    truthCoronary: 0,
    found: 0,
    rightArtery: 0,
    predicted: 0,
    predictedTrue: 0,
    bone: 0,
    boneAsCoronary: 0,
    ms,
  };
  const falseByKind = new Map<string, number>();
  const missedBy = new Map<string, number>();
  const wrong = new Map<string, number>();
  const hu = study.volume.hu;
  for (let i = 0; i < predicted.length; i++) {
    const t = study.labels[i];
    const p = predicted[i];
    if (isCoronary(t)) {
      r.truthCoronary++;
      if (isCoronary(p)) {
        r.found++;
        if (p === t) r.rightArtery++;
        else {
          const k = `${ARTERIES[t - 1]}→${ARTERIES[p - 1]}`;
          wrong.set(k, (wrong.get(k) ?? 0) + 1);
        }
      } else {
        const k = `${ARTERIES[t - 1]}→${p}`;
        missedBy.set(k, (missedBy.get(k) ?? 0) + 1);
      }
    }
    if (isCoronary(p)) {
      r.predicted++;
      if (isCoronary(t)) r.predictedTrue++;
      else {
        const k = `${t === CalciumLabel.OtherCalcium ? lesionKindAt(study, i) : hu[i] >= 130 ? 'bone/noise' : 'below130?'}→${ARTERIES[p - 1]}`;
        falseByKind.set(k, (falseByKind.get(k) ?? 0) + 1);
      }
    }
    if (t === 0 && hu[i] >= 130) {
      r.bone++;
      if (isCoronary(p)) r.boneAsCoronary++;
    }
  }
  if (!quiet || !r.binOk) {
    const art = (a: Record<string, number>) => ARTERIES.map((k) => f1(a[k])).join('/');
    const fmt = (m: Map<string, number>) => [...m].map(([k, n]) => `${k}:${n}`).join(' ') || '-';
    console.log(
      `${s.patientId} ${String(s.sliceThicknessMm).padStart(3)}mm ${s.burden.padEnd(8)} true ${f1(truth.total).padStart(7)} [${art(truth.byArtery)}] ` +
        `meas ${f1(measured.total).padStart(7)} [${art(measured.byArtery)}] bin ${cacCategory(truth.total)}→${cacCategory(measured.total)}${r.binOk ? '' : ' MISMATCH'} ` +
        `| false ${fmt(falseByKind)} | missed ${fmt(missedBy)} | wrong ${fmt(wrong)} | ${ms.toFixed(0)} ms`,
    );
  }
  if (args.components) explain(study, diag);
  return r;
}

/** Components whose decision disagrees with the nearest ground-truth lesion (within 6 mm of its centroid). */
function explain(study: PhantomStudy, diag: Partial<BaselineDiagnostics>): void {
  const v = study.volume;
  for (const c of diag.components ?? []) {
    const p = c.centre.map((k, a) => v.originMm[a] + k * v.spacingMm[a]);
    let near = null as PhantomStudy['lesions'][number] | null;
    let d = 6;
    for (const l of study.lesions) {
      const e = Math.hypot(p[0] - l.centreMm[0], p[1] - l.centreMm[1], p[2] - l.centreMm[2]);
      if (e < d) {
        d = e;
        near = l;
      }
    }
    const predictedCoronary = isCoronary(c.label);
    const truthCoronary = near !== null && near.label !== CalciumLabel.OtherCalcium;
    const wrongArtery = predictedCoronary && truthCoronary && near!.label !== c.label;
    if (args.tsv) {
      console.log(
        `TSV\t${c.reason}\t${c.label}\t${c.voxels}\t${c.peakHu}\t${c.fat.toFixed(2)}\t${c.fatClose.toFixed(2)}\t${c.offsetMm.map(f1).join('\t')}\t${near ? near.kind : '-'}\t${near?.artery ?? '-'}\t${study.settings.sliceThicknessMm}`,
      );
      continue;
    }
    if (predictedCoronary === truthCoronary && !wrongArtery && !args['all-components']) continue;
    const truthName = near ? `${near.kind}${near.artery ? `/${near.artery}` : ''} (${d.toFixed(1)} mm)` : '-';
    console.log(
      `    ${c.reason.padEnd(11)} → ${c.label} n=${c.voxels} peak=${c.peakHu} fat=${c.fat.toFixed(2)}/${c.fatClose.toFixed(2)} off=[${c.offsetMm.map(f1).join(', ')}] truth ${truthName}`,
    );
  }
}

function summary(name: string, rs: StudyResult[]): void {
  const sum = (k: keyof StudyResult) => rs.reduce((a, r) => a + (r[k] as number), 0);
  const zero = rs.filter((r) => r.trueTotal === 0);
  console.log(
    `${name}: bins ${rs.filter((r) => r.binOk).length}/${rs.length}, zero-calcium studies ${zero.length} (max measured ${f1(Math.max(0, ...zero.map((r) => r.measuredTotal)))}), ` +
      `found ${(sum('found') / sum('truthCoronary')).toFixed(3)}, artery ${(sum('rightArtery') / sum('found')).toFixed(3)}, ` +
      `precision ${(sum('predictedTrue') / sum('predicted')).toFixed(3)}, bone→coronary ${sum('boneAsCoronary')}/${sum('bone')}, ` +
      `labeller ${(sum('ms') / rs.length).toFixed(0)} ms/study (max ${Math.max(...rs.map((r) => r.ms)).toFixed(0)})`,
  );
}

async function verify(seed: number, studies: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eval-baseline-'));
  try {
    const { groundTruth } = await generateArchive(dir, { studies, seed });
    const mine = archiveStudySettings(seed, studies);
    groundTruth.studies.forEach((g, k) => {
      const m = mine[k];
      if (g.seed !== m.seed || g.burden !== m.burden || g.sliceThicknessMm !== m.sliceThicknessMm) {
        throw new Error(`archive ${seed} study ${k}: reproduced settings differ from generateArchive`);
      }
      const t = computeAgatston(archiveStudy(m).volume, archiveStudy(m).labels).agatston.total;
      if (Math.abs(t - g.agatston.total) > 0.01)
        throw new Error(`archive ${seed} study ${k}: total ${t} ≠ ${g.agatston.total}`);
    });
    console.log(`archive ${seed}: reproduced settings match generateArchive for ${studies} studies`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const archives = (args.archives as string).split(',').map((seed) => numberFlag('archives', seed, 0));
  const studies = numberFlag('studies', args.studies, 20, 1);
  const quiet = args.quiet;
  const noise = args.noise === undefined ? undefined : numberFlag('noise', args.noise, 15);
  const all: StudyResult[] = [];
  for (const seed of archives) {
    if (args.verify) await verify(seed, studies);
    const rs = archiveStudySettings(seed, studies).map((s) => evaluate(s, quiet, noise));
    summary(`archive ${seed}`, rs);
    all.push(...rs);
  }
  if (archives.length > 1) summary('all', all);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
