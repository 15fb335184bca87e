import { calciumGrades, GRADED_ARTERIES, type CalciumGrades, type GradableLesion } from '@cacscreen/risk';

/**
 * Ordinal and visual calcium grades of a stored result, derived on read from its lesions (ScreeningResult.lesions,
 * written by the worker as the scoring package's Lesion list) and its Agatston total. Meant for non-gated scans,
 * where radiologists report them beside Agatston; shown for every scored result, since gating is not stored.
 */
export function gradesOfResult(lesions: unknown, agatstonTotal: number | null): CalciumGrades | null {
  if (agatstonTotal === null || !Array.isArray(lesions)) return null;
  const gradable: GradableLesion[] = [];
  for (const lesion of lesions as unknown[]) {
    if (typeof lesion !== 'object' || lesion === null) continue;
    const { artery, volumeMm3 } = lesion as { artery?: unknown; volumeMm3?: unknown };
    if (typeof volumeMm3 !== 'number' || !Number.isFinite(volumeMm3)) continue;
    if (!(GRADED_ARTERIES as readonly unknown[]).includes(artery)) continue;
    gradable.push({ artery: artery as GradableLesion['artery'], volumeMm3 });
  }
  return calciumGrades(gradable, agatstonTotal);
}

/** The grades as the API shows them: scores and grades, without the internal fractions. */
export function gradesView(grades: CalciumGrades | null) {
  if (grades === null) return null;
  return {
    ordinal: { total: grades.ordinal.total, byArtery: grades.ordinal.byArtery },
    visualFromAgatston: grades.visualFromAgatston,
    visualFromOrdinal: grades.visualFromOrdinal,
    method: grades.method,
  };
}
