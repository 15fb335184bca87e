/**
 * Reconstruction kernels by sharpness. Agatston scoring was defined on soft/standard kernels; sharp (lung, bone,
 * edge-enhancing) kernels add noise that crosses the 130 HU threshold and inflate scores.
 */
export type KernelClass = 'soft' | 'sharp' | 'unknown';

/** Names (or name stems) that vendors use for sharp kernels: lung, bone, detail, edge enhancement. */
const SHARP_WORDS = /LUNG|BONE|SHARP|DETAIL|EDGE|HIGH ?RES/;
/** Names vendors use for soft or standard kernels; Philips' single letters A to C are its soft body kernels. */
const SOFT_WORDS = /STANDARD|SOFT|SMOOTH|CARDIAC|BODY|ABDOMEN|MEDIASTIN|^[ABC]$/;
/**
 * Siemens kernels are a letter (B body, D, I, H head, Q, S …) then a two-digit sharpness: up to ~45 is soft to
 * medium (B30f, B35f, B40f, B45f), 50 and above sharp (B60f, B70f, B80f). Canon/Toshiba FCnn: FC01-FC18 soft body,
 * FC30 and above bone/lung. GE: STANDARD, SOFT, DETAIL, LUNG, BONE, EDGE. Philips: letters A-C soft.
 */
const SIEMENS = /^[BDHIJQSTUV][RLV]?(\d{2})[A-Z]?$/;
const SIEMENS_SHARP_FROM = 50;
const CANON = /^FC(\d{2})$/;
const CANON_SHARP_FROM = 30;

export function classifyKernel(kernel: string | null | undefined): KernelClass {
  if (!kernel) return 'unknown';
  const name = kernel.split('\\')[0].trim().toUpperCase();
  const siemens = SIEMENS.exec(name.replace(/\s+/g, ''));
  if (siemens) return Number(siemens[1]) >= SIEMENS_SHARP_FROM ? 'sharp' : 'soft';
  const canon = CANON.exec(name);
  if (canon) return Number(canon[1]) >= CANON_SHARP_FROM ? 'sharp' : 'soft';
  if (SHARP_WORDS.test(name)) return 'sharp';
  if (SOFT_WORDS.test(name)) return 'soft';
  return 'unknown';
}
