/** The `score` command's text output (without --json). */
import type { ScoreOutput } from './score-output';

export function printHuman(output: ScoreOutput): void {
  if (output.status === 'rejected') {
    console.log(`Rejected: ${output.reason}`);
    return;
  }
  const a = output.agatston;
  if (a) {
    console.log(
      `Agatston ${a.total} (LM ${a.byArtery.LM}, LAD ${a.byArtery.LAD}, LCX ${a.byArtery.LCX}, RCA ${a.byArtery.RCA})`,
    );
    console.log(
      `Category ${output.category}, CAC-DRS ${output.cacDrs}, volume ${output.volumeMm3} mm³, ${output.lesions.length} lesion(s)`,
    );
    if (output.grades) {
      const g = output.grades;
      console.log(`Grade ${g.visualFromAgatston} (non-gated reporting); ordinal score ${g.ordinal.total}/12`);
    }
  }
  for (const [name, roi] of Object.entries(output.rois ?? {})) {
    console.log(`ROI ${name}: Agatston ${roi.agatston}, volume ${roi.volumeMm3} mm³, mass ${roi.massMg ?? '-'} mg`);
  }
  if (output.qualityFlags.length) console.log(`Quality flags: ${output.qualityFlags.join(', ')}`);
  for (const warning of output.warnings) console.log(`Warning: ${warning}`);
}
