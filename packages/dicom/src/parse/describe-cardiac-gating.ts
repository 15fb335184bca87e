/** Gating-related attributes of one instance, however they were read (binary header or DICOM JSON). */
export interface CardiacGatingFields {
  /** CardiacSynchronizationTechnique (0018,9037): NONE, REALTIME, PROSPECTIVE, RETROSPECTIVE, PACED. */
  synchronizationTechnique?: string;
  /** TriggerTime (0018,1060), ms after the R wave. */
  triggerTime?: number;
  /** NominalPercentageOfCardiacPhase (0020,9241). */
  cardiacPhasePercent?: number;
  /** ScanOptions (0018,0022), e.g. "CARDIAC GATING" or "ECG". */
  scanOptions?: string;
  /** HeartRate (0018,1088), beats per minute. */
  heartRate?: number;
}

/** Words scanners put in ScanOptions for ECG-triggered or -gated scans. */
const GATED_SCAN_OPTIONS = /CARDIAC|ECG|EKG|GAT(E|ED|ING)\b|TRIGGER|HELICAL_CARDIAC/i;

/**
 * Says which attribute shows that the scan was synchronised to the ECG, or undefined. Calcium scoring was defined
 * on prospectively triggered scans: gating is one of the signs of the reference acquisition. Values of 0 are ignored
 * because some scanners fill these attributes with 0 on ungated scans.
 */
export function describeCardiacGating(f: CardiacGatingFields): string | undefined {
  const technique = f.synchronizationTechnique?.trim().toUpperCase();
  if (technique && technique !== 'NONE') return `CardiacSynchronizationTechnique ${technique}`;
  if (f.triggerTime !== undefined && f.triggerTime > 0) return `TriggerTime ${f.triggerTime} ms`;
  if (f.cardiacPhasePercent !== undefined && f.cardiacPhasePercent > 0) {
    return `cardiac phase ${f.cardiacPhasePercent}%`;
  }
  if (f.scanOptions && GATED_SCAN_OPTIONS.test(f.scanOptions)) return `ScanOptions ${f.scanOptions}`;
  if (f.heartRate !== undefined && f.heartRate > 0) return `HeartRate ${f.heartRate} bpm`;
  return undefined;
}
