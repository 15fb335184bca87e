/**
 * Positions of named coronary segments on the normal human heart, as published by
 *
 *   Dodge JT Jr, Brown BG, Bolson EL, Dodge HT. Lumen diameter of normal human coronary arteries: influence of age,
 *   sex, anatomic variation, and left ventricular hypertrophy or dilation. Circulation 1992;86:232–246
 *   (segment table: mean spherical position ρ, θ, φ and lumen diameter at the proximal, mid and distal point of each
 *   segment; standard deviations of the positions; branch positions and diameters for medium and long branches),
 *   with the frame and segment definitions of Dodge et al., Circulation 1988;78:1167–1180.
 *
 * Numbers transcribed from the CSV files in github.com/jgourassas/corsim, folder data/ (MIT License, © 2022 John
 * Gourassas): dodge_92.csv (main-vessel p/m/d points and diameters by dominance), positions_branches.csv (branch
 * o/p/m points with medium/long-branch diameters), positions_stddev.csv (SDs, tabulated for one or two points per
 * segment) and positions_mean.csv (the mid points again; the RCA ostium offset). Only numbers are taken, no code.
 * Where the files disagree by one unit (C3m ρ 4.7/4.8, R4m θ 181/180, S2o ρ 5.1/5.2, S3o ρ 6.9/7.0, D3o φ −18/−17,
 * D3m θ 43/42, M3o θ 130/131) the full segment table (dodge_92.csv, positions_branches.csv) is used.
 *
 * Frame (established from the data and the paper's angiographic use, see coronary-tree.ts): ρ in cm from the
 * ostium of that tree (left tree from the left main ostium, right tree from the RCA ostium); θ in degrees about the
 * patient's cranio-caudal axis, 0 = anterior, +90 = patient's left (the LAO direction), ±180 = posterior; φ in degrees
 * of elevation, + = cranial, − = caudal. Cartesian: x = ρ cos φ sin θ (left), y = ρ sin φ (head), z = ρ cos φ cos θ
 * (anterior).
 */
import type { CoronaryArtery } from '@cacscreen/scoring';

/** Coronary dominance pattern (Dodge's four groups); decides which distal segments exist. */
export type Dominance = 'right' | 'smallRight' | 'balanced' | 'left';
export const DOMINANCES: readonly Dominance[] = ['right', 'smallRight', 'balanced', 'left'];

export interface DodgeSd {
  rCm: number;
  thetaDeg: number;
  phiDeg: number;
}

export interface DodgePoint {
  /** Dodge's point name: segment + p/m/d (main vessels) or o/p/m (branches). */
  name: string;
  rCm: number;
  thetaDeg: number;
  phiDeg: number;
  /** Population SD of the position where the paper tabulates one, else null. */
  sd: DodgeSd | null;
  /**
   * Mean lumen diameter (mm): right-dominant column for main vessels (balanced column for C4, which right dominance
   * lacks), medium-length column for branches.
   */
  diameterMm: number;
}

export interface DodgeSegment {
  name: string;
  artery: CoronaryArtery;
  /** Which ostium the coordinates are measured from. */
  tree: 'left' | 'right';
  kind: 'main' | 'branch';
  /** Point (of another segment) this one starts from; null for the first segment of each tree (starts at the ostium). */
  startsAt: string | null;
  /** Dominance patterns in which the segment exists (Dodge's definitions). */
  presentIn: readonly Dominance[];
  /** An anatomic variant (ramus medianus, a dominant obtuse marginal) rather than a regular segment. */
  variant: boolean;
  points: DodgePoint[];
}

type Row = [name: string, r: number, theta: number, phi: number, diameterMm: number, sd?: [number, number, number]];

const ALL = DOMINANCES;
const seg = (
  name: string,
  artery: CoronaryArtery,
  tree: 'left' | 'right',
  kind: 'main' | 'branch',
  startsAt: string | null,
  rows: Row[],
  presentIn: readonly Dominance[] = ALL,
  variant = false,
): DodgeSegment => ({
  name,
  artery,
  tree,
  kind,
  startsAt,
  presentIn,
  variant,
  points: rows.map(([n, r, t, p, d, sd]) => ({
    name: n,
    rCm: r,
    thetaDeg: t,
    phiDeg: p,
    diameterMm: d,
    sd: sd ? { rCm: sd[0], thetaDeg: sd[1], phiDeg: sd[2] } : null,
  })),
});

/**
 * Offset of the RCA ostium from the left main ostium in the same frame (ρ cm, θ, φ), as given in corsim's
 * positions_mean.csv (zero SD there; not in the 1992 segment table): 3.7 cm anterior, rightward and caudal.
 */
export const RCA_OSTIUM_FROM_LM_OSTIUM = { rCm: 3.7, thetaDeg: -25, phiDeg: -23 } as const;

export const DODGE_SEGMENTS: readonly DodgeSegment[] = [
  // Left main: ostium to the LAD/LCX bifurcation.
  seg('LM', 'LM', 'left', 'main', null, [
    ['LMp', 0.3, 83, 7, 4.5],
    ['LMm', 0.7, 80, 4, 4.5, [0.4, 20, 15]],
    ['LMd', 1.1, 79, 0, 4.5],
  ]),
  // LAD: L1 to S1, L2 S1→S3, L3 S3→apex, L4 apex→inferior wall.
  seg('L1', 'LAD', 'left', 'main', 'LMd', [
    ['L1p', 1.6, 70, -3, 3.7, [0.7, 12, 12]],
    ['L1m', 2.3, 63, -5, 3.6, [0.8, 10, 11]],
    ['L1d', 3.0, 59, -5, 3.5],
  ]),
  seg('L2', 'LAD', 'left', 'main', 'L1d', [
    ['L2p', 4.0, 51, -9, 2.9],
    ['L2m', 5.3, 44, -12, 2.5, [0.8, 7, 9]],
    ['L2d', 6.5, 39, -17, 2.3],
  ]),
  seg('L3', 'LAD', 'left', 'main', 'L2d', [
    ['L3p', 8.0, 33, -23, 2.0],
    ['L3m', 10.1, 30, -32, 1.7, [0.9, 8, 7]],
    ['L3d', 11.8, 31, -40, 1.4],
  ]),
  seg('L4', 'LAD', 'left', 'main', 'L3d', [
    ['L4p', 12.2, 32, -46, 1.4, [1.0, 9, 7]],
    ['L4m', 11.8, 33, -49, 1.1, [0.9, 10, 7]],
    ['L4d', 11.4, 34, -52, 0.9],
  ]),
  // LCX: C1 to M1, C2 M1→M2, C3 M2→CP, C4 along the AV groove (absent in right and small-right dominance).
  seg('C1', 'LCX', 'left', 'main', 'LMd', [
    ['C1p', 1.4, 86, -12, 3.4, [0.7, 15, 13]],
    ['C1m', 1.8, 94, -24, 3.4, [0.8, 17, 12]],
    ['C1d', 2.2, 102, -31, 3.3],
  ]),
  seg('C2', 'LCX', 'left', 'main', 'C1d', [
    ['C2p', 2.6, 107, -33, 2.8],
    ['C2m', 3.1, 116, -37, 2.8, [0.9, 18, 9]],
    ['C2d', 3.6, 120, -41, 2.7],
  ]),
  seg('C3', 'LCX', 'left', 'main', 'C2d', [
    ['C3p', 4.1, 126, -45, 1.7],
    ['C3m', 4.7, 135, -51, 1.6, [1.0, 21, 8]],
    ['C3d', 5.4, 141, -56, 1.3],
  ]),
  seg(
    'C4',
    'LCX',
    'left',
    'main',
    'C3d',
    [
      ['C4p', 5.7, 156, -67, 1.7],
      ['C4m', 5.9, 166, -71, 1.5, [0.9, 39, 9]],
      ['C4d', 6.2, 118, -73, 1.5],
    ],
    ['balanced', 'left'],
  ),
  // RCA: R1 to the first acute marginal, R2 A1→A3, R3 A3→RD, R4 along the AV groove (absent in balanced and left).
  seg('R1', 'RCA', 'right', 'main', null, [
    ['R1p', 0.5, -71, -22, 4.0, [0.1, 19, 17]],
    ['R1m', 1.7, -68, -24, 3.9, [0.4, 14, 11]],
    ['R1d', 2.6, -66, -30, 3.8],
  ]),
  seg('R2', 'RCA', 'right', 'main', 'R1d', [
    ['R2p', 3.4, -69, -39, 3.5],
    ['R2m', 4.6, -72, -48, 3.4, [0.7, 11, 8]],
    ['R2d', 5.6, -77, -55, 3.2],
  ]),
  seg('R3', 'RCA', 'right', 'main', 'R2d', [
    ['R3p', 6.2, -84, -62, 3.2],
    ['R3m', 6.4, -91, -69, 3.1, [1.1, 64, 5]],
    // θ 105, not the 15 of dodge_92.csv: R3d is the R3/R4 junction where RD arises, and RDo is tabulated at the
    // same ρ 6.7 and φ −73 with θ 105; 15 would put the crux on the anterior wall (a dropped digit, we assume).
    ['R3d', 6.7, 105, -73, 3.1],
  ]),
  seg(
    'R4',
    'RCA',
    'right',
    'main',
    'R3d',
    [
      ['R4p', 6.6, 140, -71, 2.4],
      ['R4m', 6.2, 181, -66, 2.2, [0.8, 19, 8]],
      ['R4d', 6.2, 171, -57, 1.9],
    ],
    ['right', 'smallRight'],
  ),
  // LAD branches: septals (S) and diagonals (D).
  seg('S1', 'LAD', 'left', 'branch', 'L1d', [
    ['S1o', 3.3, 57, -9, 1.4, [1.1, 11, 10]],
    ['S1p', 3.7, 50, -17, 1.3],
    ['S1m', 4.3, 35, -31, 1.0, [1.1, 12, 10]],
  ]),
  seg('S2', 'LAD', 'left', 'branch', 'L2m', [
    ['S2o', 5.1, 44, -12, 1.1, [1.1, 10, 10]],
    ['S2p', 5.3, 40, -18, 1.1],
    ['S2m', 5.8, 31, -29, 0.9, [0.9, 7, 10]],
  ]),
  seg('S3', 'LAD', 'left', 'branch', 'L2d', [
    ['S3o', 6.9, 37, -19, 1.1, [0.8, 8, 7]],
    ['S3p', 7.0, 34, -23, 1.0],
    ['S3m', 7.3, 30, -31, 0.9, [0.8, 7, 8]],
  ]),
  seg('D1', 'LAD', 'left', 'branch', 'L1d', [
    ['D1o', 3.2, 61, -8, 2.1, [0.8, 11, 10]],
    ['D1p', 4.2, 61, -13, 1.9],
    ['D1m', 6.2, 61, -23, 1.5, [1.0, 9, 11]],
  ]),
  seg('D2', 'LAD', 'left', 'branch', 'L2m', [
    ['D2o', 4.9, 47, -12, 1.9, [1.0, 10, 7]],
    ['D2p', 5.9, 47, -16, 1.7],
    ['D2m', 7.7, 49, -24, 1.4, [0.7, 10, 8]],
  ]),
  seg('D3', 'LAD', 'left', 'branch', 'L2d', [
    ['D3o', 6.6, 41, -18, 1.7, [1.1, 9, 7]],
    ['D3p', 7.4, 41, -21, 1.6],
    ['D3m', 9.0, 43, -26, 1.3, [0.9, 10, 7]],
  ]),
  // LCX branches: marginals (M), the variants ramus medianus (MR, at an LM trifurcation) and a dominant obtuse
  // marginal (OM, dividing into OA and OP), and the inferior-wall branches CP, CI, CD.
  seg(
    'MR',
    'LCX',
    'left',
    'branch',
    'LMd',
    [
      ['MRo', 1.2, 85, -10, 1.8, [0.5, 18, 17]],
      ['MRp', 2.7, 87, -20, 1.7],
      ['MRm', 5.6, 80, -34, 1.3, [1.6, 14, 13]],
    ],
    ALL,
    true,
  ),
  seg(
    'OM',
    'LCX',
    'left',
    'branch',
    'C1d',
    [
      ['OMp', 2.8, 105, -30, 3.3, [1.0, 11, 9]],
      ['OMm', 3.5, 107, -32, 2.9],
      ['OMd', 4.1, 107, -36, 3.1],
    ],
    ALL,
    true,
  ),
  seg(
    'OA',
    'LCX',
    'left',
    'branch',
    'OMd',
    [
      ['OAo', 4.4, 107, -37, 2.2, [0.9, 6, 9]],
      ['OAp', 5.3, 102, -43, 2.0, [0.6, 6, 8]],
      ['OAm', 7.1, 84, -49, 1.7],
    ],
    ALL,
    true,
  ),
  seg(
    'OP',
    'LCX',
    'left',
    'branch',
    'OMd',
    [
      ['OPo', 4.4, 107, -37, 2.2, [0.9, 6, 9]],
      ['OPp', 4.9, 114, -43, 2.1, [0.7, 5, 7]],
      ['OPm', 6.3, 116, -53, 1.9],
    ],
    ALL,
    true,
  ),
  seg('M1', 'LCX', 'left', 'branch', 'C1d', [
    ['M1o', 2.2, 102, -31, 2.1, [0.7, 15, 10]],
    ['M1p', 3.5, 101, -28, 2.0],
    ['M1m', 5.6, 91, -38, 1.5, [1.4, 15, 9]],
  ]),
  seg('M2', 'LCX', 'left', 'branch', 'C2d', [
    ['M2o', 3.4, 118, -41, 2.0, [0.6, 18, 8]],
    ['M2p', 4.4, 118, -43, 1.9],
    ['M2m', 6.0, 109, -51, 1.4, [0.8, 20, 8]],
  ]),
  seg('M3', 'LCX', 'left', 'branch', 'C3m', [
    ['M3o', 4.7, 130, -49, 1.7, [1.0, 20, 8]],
    ['M3p', 5.3, 129, -52, 1.7],
    ['M3m', 6.5, 118, -58, 1.4, [1.1, 27, 10]],
  ]),
  seg(
    'CP',
    'LCX',
    'left',
    'branch',
    'C3d',
    [
      ['CPo', 6.0, 151, -64, 2.0],
      ['CPp', 6.5, 151, -67, 1.8],
      ['CPm', 7.6, 145, -71, 1.6],
    ],
    ['smallRight', 'balanced', 'left'],
  ),
  seg(
    'CI',
    'LCX',
    'left',
    'branch',
    'C4d',
    [
      ['CIo', 6.5, 117, -67, 1.7],
      ['CIp', 7.0, 117, -69, 1.7],
      ['CIm', 8.0, 119, -73, 1.5],
    ],
    ['balanced', 'left'],
  ),
  seg(
    'CD',
    'LCX',
    'left',
    'branch',
    'C4d',
    [
      ['CDo', 6.7, -119, -74, 2.1],
      ['CDp', 7.4, 72, -74, 2.0],
      ['CDm', 8.7, -35, -81, 1.8],
    ],
    ['left'],
  ),
  // RCA branches: posterior descending (RD, the PDA) and the inferior-wall branches RI and RP.
  seg(
    'RD',
    'RCA',
    'right',
    'branch',
    'R3d',
    [
      ['RDo', 6.7, 105, -73, 2.2],
      ['RDp', 7.0, 103, -77, 2.1],
      ['RDm', 7.6, 80, -76, 2.0, [1.1, 60, 8]],
    ],
    ['right', 'smallRight', 'balanced'],
  ),
  seg(
    'RI',
    'RCA',
    'right',
    'branch',
    'R4m',
    [
      ['RIo', 6.3, 176, -63, 1.5],
      ['RIp', 7.0, 170, -65, 1.5],
      ['RIm', 7.6, 143, -68, 1.4, [1.0, 25, 9]],
    ],
    ['right', 'smallRight'],
  ),
  seg(
    'RP',
    'RCA',
    'right',
    'branch',
    'R4d',
    [
      ['RPo', 6.5, 169, -49, 1.8],
      ['RPp', 7.3, 166, -52, 1.7],
      ['RPm', 8.0, 145, -56, 1.4, [0.8, 21, 9]],
    ],
    ['right'],
  ),
];
