import type { SeriesSummary } from '../archive/types';
import { angleFromAxialDeg, isOrthonormalOrientation, notAxialReason, slicePlane } from '../volume/geometry';
import { calciumScoreEvidence } from './calcium-score-series';
import { type KernelClass, classifyKernel } from './classify-kernel';
import type { SelectionPolicy } from './selection-policy';

export interface SeriesEvaluation {
  accepted: boolean;
  reason: string;
  lowConfidence?: boolean;
  kernelClass: KernelClass;
  thicknessMm: number | null;
  /** Why the series looks like an ECG-gated calcium-score scan (ranked first), when it does. */
  calciumScore?: string;
}

/** ImageType values that mark images other than original axial reconstructions. */
const LOCALIZER = 'LOCALIZER';
const DERIVED = 'DERIVED';
const SECONDARY = 'SECONDARY';
/** ImageType value 2 for images derived directly from the patient's acquisition (PS3.3 C.7.6.1.1.2). */
const PRIMARY = 'PRIMARY';
/** ImageType values (3 and later) of derived images that are projections or renderings, never scoreable slices. */
const PROJECTION_TYPES = /MIP|MINIP|PROJECTION|VOLUME|VR|3D|CURVED|SCREEN|CPR|THICK/;

function reject(reason: string, s: SeriesSummary): SeriesEvaluation {
  return { accepted: false, reason, kernelClass: classifyKernel(s.convolutionKernel), thicknessMm: s.sliceThicknessMm };
}

/** Below this the image plane is axial for all practical purposes (float noise, sub-degree tilt). */
const TILT_NOTE_DEG = 0.5;

/** Slice thickness, or the spacing between slice centres when SliceThickness is absent. */
function effectiveThickness(s: SeriesSummary): number | null {
  if (s.sliceThicknessMm !== null) return s.sliceThicknessMm;
  return s.sliceCount > 1 && s.zRangeMm > 0 ? s.zRangeMm / (s.sliceCount - 1) : null;
}

/**
 * Applies the eligibility rules to one series, first failure wins. Reasons are written for a radiologist reading
 * why a study was or was not scored.
 */
export function evaluateSeries(s: SeriesSummary, policy: SelectionPolicy): SeriesEvaluation {
  if (s.modality !== 'CT') return reject(`Modality is ${s.modality ?? 'missing'}, not CT`, s);
  if (s.imageType.includes(LOCALIZER)) return reject('Localizer (scout) images, not a reconstructed volume', s);
  const derivedAxialReconstruction =
    policy.acceptDerivedAxial &&
    s.imageType[0] === DERIVED &&
    s.imageType[1] === PRIMARY &&
    !s.imageType.slice(2).some((t) => PROJECTION_TYPES.test(t));
  if ((s.imageType.includes(DERIVED) && !derivedAxialReconstruction) || s.imageType.includes(SECONDARY)) {
    return reject(
      `ImageType ${s.imageType.join('\\')}: derived or secondary images (reformat, MIP, screenshot), not the original axial reconstruction`,
      s,
    );
  }
  if (!s.imageOrientationPatient) return reject('No ImageOrientationPatient: the slice orientation is unknown', s);
  if (!isOrthonormalOrientation(s.imageOrientationPatient)) {
    return reject(
      `ImageOrientationPatient ${s.imageOrientationPatient.join('\\')} is not two unit vectors at right angles: the ` +
        'slice orientation is unknown',
      s,
    );
  }
  if (!s.orientationConsistent) return reject('Slices have different orientations: not a single axial stack', s);
  if (s.slicesWithoutPosition > 0) {
    return reject(
      `${s.slicesWithoutPosition} of ${s.sliceCount} slices have no ImagePositionPatient: the slices cannot be placed`,
      s,
    );
  }
  const angle = angleFromAxialDeg(s.imageOrientationPatient);
  const plane = slicePlane(s.imageOrientationPatient, policy.maxAxialAngleDeg);
  if (plane !== 'axial') {
    return reject(`Slices are ${angle.toFixed(0)}° from the axial plane: ${notAxialReason(plane)}`, s);
  }
  if (s.contrastBolusAgent) {
    return reject(
      `Contrast agent recorded (ContrastBolusAgent "${s.contrastBolusAgent}"): iodinated contrast in the vessels ` +
        'exceeds 130 HU, so Agatston scoring needs a non-contrast scan',
      s,
    );
  }
  const thickness = effectiveThickness(s);
  if (thickness === null) return reject('Slice thickness unknown (no SliceThickness and no slice positions)', s);
  if (thickness > policy.maxThicknessMm) {
    return reject(
      `Slices are ${thickness} mm thick, more than ${policy.maxThicknessMm} mm: small calcifications are averaged away`,
      s,
    );
  }
  const calciumScore = calciumScoreEvidence(s, thickness);
  if (s.sliceCount < policy.minSlices) {
    return reject(`Only ${s.sliceCount} slices; at least ${policy.minSlices} are needed for a chest volume`, s);
  }
  // A calcium-score scan is planned on the heart, so its shorter range is the heart, not a partial scan.
  const minZRangeMm = calciumScore ? Math.min(policy.minZRangeMm, policy.calciumScoreMinZRangeMm) : policy.minZRangeMm;
  if (s.zRangeMm < minZRangeMm) {
    return reject(
      `Covers only ${s.zRangeMm.toFixed(0)} mm along the body axis; at least ${minZRangeMm} mm is needed to include the heart`,
      s,
    );
  }
  const kernelClass = classifyKernel(s.convolutionKernel);
  if (kernelClass === 'sharp' && !policy.allowSharpKernel) {
    return reject(`Sharp reconstruction kernel ${s.convolutionKernel}: image noise inflates calcium scores`, s);
  }
  const notes: string[] = [];
  let lowConfidence = false;
  if (calciumScore) notes.push(`ECG-gated calcium-score series, the reference acquisition (${calciumScore})`);
  if (angle > TILT_NOTE_DEG) {
    notes.push(`image plane tilted ${angle.toFixed(1)}° (gantry tilt): resampled onto an axial grid when read`);
  }
  if (derivedAxialReconstruction) {
    notes.push(
      `ImageType ${s.imageType.join('\\')}: an axial reconstruction derived from the primary acquisition (accepted)`,
    );
  }
  if (thickness > policy.preferredMaxThicknessMm) {
    lowConfidence = true;
    notes.push(
      `slices are ${thickness} mm thick (Agatston is defined on ${policy.preferredMaxThicknessMm} mm slices): ` +
        'partial-volume averaging lowers peak HU and can miss small calcifications, so the score is likely underestimated',
    );
  }
  if (kernelClass === 'sharp') {
    lowConfidence = true;
    notes.push(`sharp kernel ${s.convolutionKernel} adds noise above 130 HU, which can overstate the score`);
  } else if (kernelClass === 'unknown') {
    notes.push(`kernel ${s.convolutionKernel ?? '(not recorded)'} not recognised as soft or sharp`);
  }
  const summary =
    `Non-contrast axial CT, ${thickness} mm slices, ${s.sliceCount} slices over ${s.zRangeMm.toFixed(0)} mm, ` +
    `kernel ${s.convolutionKernel ?? 'unknown'} (${kernelClass})`;
  const reason = notes.length ? `${summary}; ${lowConfidence ? 'low confidence: ' : ''}${notes.join('; ')}` : summary;
  return {
    accepted: true,
    reason,
    ...(lowConfidence ? { lowConfidence } : {}),
    kernelClass,
    thicknessMm: thickness,
    ...(calciumScore ? { calciumScore } : {}),
  };
}
