import type { CoronaryArtery } from '../labels';

export type Rgb = readonly [number, number, number];

/** Mediastinal window of the grayscale background: width 400 HU, level 40 HU (−160 HU black, 240 HU white). */
export const KEY_IMAGE_WINDOW = { widthHu: 400, levelHu: 40 } as const;

/** Palette indices 0 … GRAY_LEVELS − 1 are grays, black to white; the calcium colours follow. */
export const GRAY_LEVELS = 251;

/**
 * Calcium colours, fixed so every image reads the same: the Okabe–Ito colour-blind-safe set. Coronary calcium is
 * coloured by its voxel's artery label; 'other' is calcium the labeller placed outside the coronaries (aorta,
 * valves), shown so a reader can see what was left out of the score. Unlabelled voxels (bone) stay gray.
 */
export const KEY_IMAGE_COLOURS: Readonly<Record<CoronaryArtery | 'other', Rgb>> = {
  LM: [0xf0, 0xe4, 0x42], // yellow
  LAD: [0xd5, 0x5e, 0x00], // vermillion
  LCX: [0x56, 0xb4, 0xe9], // sky blue
  RCA: [0x00, 0x9e, 0x73], // bluish green
  other: [0xcc, 0x79, 0xa7], // reddish purple
};

/** The PNG palette: GRAY_LEVELS grays, then LM, LAD, LCX, RCA and other calcium (index GRAY_LEVELS + label − 1). */
export const KEY_IMAGE_PALETTE: readonly Rgb[] = [
  ...Array.from({ length: GRAY_LEVELS }, (_, i): Rgb => {
    const v = Math.round((i * 255) / (GRAY_LEVELS - 1));
    return [v, v, v];
  }),
  KEY_IMAGE_COLOURS.LM,
  KEY_IMAGE_COLOURS.LAD,
  KEY_IMAGE_COLOURS.LCX,
  KEY_IMAGE_COLOURS.RCA,
  KEY_IMAGE_COLOURS.other,
];

/** Palette index of a voxel's gray level in the mediastinal window. */
export function grayIndex(hu: number): number {
  const low = KEY_IMAGE_WINDOW.levelHu - KEY_IMAGE_WINDOW.widthHu / 2;
  const index = Math.round(((hu - low) / KEY_IMAGE_WINDOW.widthHu) * (GRAY_LEVELS - 1));
  return index < 0 ? 0 : index > GRAY_LEVELS - 1 ? GRAY_LEVELS - 1 : index;
}
