/**
 * `npx tsx scripts/diagnose-misses.ts [--independent 30] [--hybrids 12] [--phantoms 0] [--real] [--verbose]`: for
 * every true lesion of the synthetic and hybrid eval sets, the anatomy labeller's decision on the candidate that holds
 * it (or "no candidate"), tallied by set and by artery; with --real, also each real scan's coronary Agatston and the
 * candidates called coronary there (what a rule change costs in specificity). A tool for finding which rule costs
 * sensitivity; not part of `npm run eval`.
 */
import { parseArgs } from 'node:util';
import { voxelToPatientMm } from '@cacscreen/dicom';
import { CalciumLabel, computeAgatston, labelCalciumByAnatomy } from '@cacscreen/scoring';
import { buildCase, planCases, truthGroups } from './lib/eval-cases';

const { values: args } = parseArgs({
  options: {
    phantoms: { type: 'string', default: '0' },
    independent: { type: 'string', default: '30' },
    hybrids: { type: 'string', default: '12' },
    verbose: { type: 'boolean', default: false },
    real: { type: 'boolean', default: false },
  },
});

const ARTERY = ['', 'LM', 'LAD', 'LCX', 'RCA'];

async function main(): Promise<void> {
  const plans = planCases({
    a: Number(args.phantoms),
    b: Number(args.independent),
    hybridsPerScan: Number(args.hybrids),
  }).filter((p) => p.set !== 'd' || args.real);
  const tally = new Map<string, number>();
  const add = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
  for (const plan of plans) {
    const c = await buildCase(plan);
    const result = labelCalciumByAnatomy(c.volume);
    if (c.set === 'd') {
      const score = computeAgatston(c.volume, result.labels);
      console.log(`${c.id}: coronary Agatston ${score.agatston.total.toFixed(1)} (sharp kernel ${result.sharpKernel})`);
      for (const cand of result.candidates.filter((k) => k.decision === 'coronary')) {
        const at = cand.centroidMm.map((v) => v.toFixed(0)).join(',');
        console.log(
          `  ${ARTERY[cand.label]} ${cand.volumeMm3.toFixed(1)} mm³ at ${at}, peak ${cand.peakHu.toFixed(0)}, ` +
            `d ${cand.surfaceDistanceMm.toFixed(1)} mm, fat ${cand.fatShare.toFixed(2)}, lung ${cand.lungShare.toFixed(2)}`,
        );
      }
      continue;
    }
    const [nx, ny] = c.volume.dims;
    const owner = new Map<number, number>();
    result.candidates.forEach((cand, k) => {
      for (const v of cand.voxels) owner.set(v, k);
    });
    for (const group of truthGroups(c)) {
      if (group.label < CalciumLabel.LM || group.label > CalciumLabel.RCA) continue;
      const centre = [0, 0, 0];
      for (const v of group.voxels) {
        const x = v % nx;
        const y = ((v - x) / nx) % ny;
        const z = (v - x - y * nx) / (nx * ny);
        const p = voxelToPatientMm(c.volume, x, y, z);
        for (let a = 0; a < 3; a++) centre[a] += p[a] / group.voxels.length;
      }
      const mm3 = group.voxels.length * c.volume.spacingMm.reduce((a, b) => a * b, 1);
      // The candidate holding most of the lesion's voxels (a lesion merged with its neighbours is still found), else
      // the one whose centroid lies within 4 mm.
      const votes = new Map<number, number>();
      for (const v of group.voxels) {
        const k = owner.get(v);
        if (k !== undefined) votes.set(k, (votes.get(k) ?? 0) + 1);
      }
      let best: (typeof result.candidates)[number] | null = null;
      let bestVotes = 0;
      for (const [k, n] of votes) {
        if (n > bestVotes) {
          bestVotes = n;
          best = result.candidates[k];
        }
      }
      let bestD = 4;
      for (const cand of best ? [] : result.candidates) {
        const d = Math.hypot(...cand.centroidMm.map((v, a) => v - centre[a]));
        if (d < bestD) {
          bestD = d;
          best = cand;
        }
      }
      const decision = result.heart.found ? (best?.decision ?? 'no-candidate') : 'no-heart';
      const wrongArtery =
        best && best.decision === 'coronary' && best.label !== group.label ? `→${ARTERY[best.label] ?? 'other'}` : '';
      add(`${c.set} ${decision}`);
      add(`${c.set} ${ARTERY[group.label]} ${decision}${wrongArtery}`);
      if (args.verbose && decision !== 'coronary') {
        console.log(
          `${c.id} ${ARTERY[group.label]} ${mm3.toFixed(1)} mm³ at ${centre.map((v) => v.toFixed(0)).join(',')}: ${decision}` +
            (best
              ? ` (${best.volumeMm3.toFixed(0)} mm³, d ${best.surfaceDistanceMm.toFixed(1)} mm, fat ${best.fatShare.toFixed(2)}, lung ${best.lungShare.toFixed(2)}, peak ${best.peakHu.toFixed(0)})`
              : ''),
        );
      }
    }
    process.stderr.write('.');
  }
  console.log();
  for (const [key, n] of [...tally].sort()) console.log(`${key}: ${n}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
