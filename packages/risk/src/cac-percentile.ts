import { checkedAgatston } from './cac-categories';
import type { Race, Sex } from './risk-input';

/**
 * Approximate MESA percentile of a CAC score for age, sex and race (McClelland et al., Circulation 2006;113:30-37):
 * the rank and whether it is at or above the 75th percentile. The paper publishes neither its model's coefficients
 * nor a full table, only an online calculator (tools.mesa-nhlbi.org/Calcium); the anchors below are third-party
 * scrapes of it (reference section 1.8), so every answer is flagged approximate and, where no anchor is close
 * enough, unknown (null) rather than guessed. The exact published model could not be obtained.
 */

/** One scraped calculator answer: P(CAC > 0) in % and the 25/50/75/90th-percentile Agatston scores. */
interface Anchor {
  age: number;
  pPositive: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

type Quantities = Omit<Anchor, 'age'>;

// White: ages 45, 65, 84; other MESA races: age 65 only (reference section 1.8).
const WHITE_ANCHORS: Record<Sex, readonly Anchor[]> = {
  male: [
    { age: 45, pPositive: 25, p25: 0, p50: 0, p75: 0, p90: 36 },
    { age: 65, pPositive: 77, p25: 5, p50: 71, p75: 307, p90: 802 },
    { age: 84, pPositive: 99, p25: 157, p50: 542, p75: 1634, p90: 3848 },
  ],
  female: [
    { age: 45, pPositive: 7, p25: 0, p50: 0, p75: 0, p90: 0 },
    { age: 65, pPositive: 47, p25: 0, p50: 0, p75: 54, p90: 228 },
    { age: 84, pPositive: 98, p25: 46, p50: 159, p75: 488, p90: 1168 },
  ],
};

const AGE_65: Record<'black' | 'chinese' | 'hispanic', Record<Sex, Quantities>> = {
  black: {
    male: { pPositive: 56, p25: 0, p50: 8, p75: 95, p90: 330 },
    female: { pPositive: 37, p25: 0, p50: 0, p75: 26, p90: 159 },
  },
  chinese: {
    male: { pPositive: 64, p25: 0, p50: 18, p75: 121, p90: 372 },
    female: { pPositive: 46, p25: 0, p50: 0, p75: 45, p90: 194 },
  },
  hispanic: {
    male: { pPositive: 64, p25: 0, p50: 22, p75: 141, p90: 429 },
    female: { pPositive: 38, p25: 0, p50: 0, p75: 19, p90: 106 },
  },
};

// A single age-65 anchor is used only within ±5 years; further away the percentile moves too fast to reuse it.
const SINGLE_ANCHOR_HALF_WIDTH_YEARS = 5;
const SINGLE_ANCHOR_AGE = 65;

const SOURCE = 'MESA CAC calculator (McClelland 2006), scraped p75 anchors';

export interface CacPercentileBand {
  /** CAC > 0 and ≥ the approximate 75th percentile; null when no anchor covers this age/sex/race. */
  atOrAbove75th: boolean | null;
  /** Approximate 75th-percentile Agatston score used for the comparison; null when unknown. */
  p75: number | null;
  /**
   * Approximate percentile rank of the score among people of this age, sex and race (0–100): 0 for CAC 0 (as the
   * MESA calculator reports it), else interpolated linearly in score between the anchors' P(CAC > 0), 25th, 50th,
   * 75th and 90th percentiles. Null when unknown or above the 90th-percentile anchor (see percentileRankRange).
   */
  percentileRank: number | null;
  /** The range the rank lies in: [r, r] when interpolated, [90, 100] above the 90th-percentile anchor; else null. */
  percentileRankRange: [number, number] | null;
  /** Where p75 came from, or why it is unknown. */
  source: string;
  approximate: true;
}

function unknown(why: string): CacPercentileBand {
  return {
    atOrAbove75th: null,
    p75: null,
    percentileRank: null,
    percentileRankRange: null,
    source: `${SOURCE}: ${why}`,
    approximate: true,
  };
}

const KEYS: readonly (keyof Quantities)[] = ['pPositive', 'p25', 'p50', 'p75', 'p90'];

function interpolate(anchors: readonly Anchor[], age: number): Quantities | null {
  for (let i = 1; i < anchors.length; i++) {
    const lo = anchors[i - 1];
    const hi = anchors[i];
    if (age < lo.age || age > hi.age) continue;
    const t = (age - lo.age) / (hi.age - lo.age);
    const out = {} as Quantities;
    for (const key of KEYS) out[key] = lo[key] + (hi[key] - lo[key]) * t;
    return out;
  }
  return null;
}

function approximateQuantities(age: number, sex: Sex, race: Race): { q: Quantities; how: string } | string {
  if (race === 'other') return 'no MESA reference group for race "other"';
  if (race === 'white') {
    const anchors = WHITE_ANCHORS[sex];
    const q = interpolate(anchors, age);
    const ages = anchors.map((anchor) => anchor.age).join('/');
    if (q === null) return `age ${age} outside the white ${sex} anchors (${ages} years)`;
    return { q, how: `white ${sex}, linear in age between anchors at ${ages} years` };
  }
  if (Math.abs(age - SINGLE_ANCHOR_AGE) > SINGLE_ANCHOR_HALF_WIDTH_YEARS) {
    return `only an age-65 anchor for ${race} ${sex}, used at ages 60–70; age ${age} is outside`;
  }
  return { q: AGE_65[race][sex], how: `${race} ${sex}, age-65 anchor used for ages 60–70` };
}

/**
 * Rank of a positive score: the knots are (0, 100 − P(CAC > 0)), where the zero mass ends, and each percentile
 * whose score is above 0; linear in score between knots.
 */
function rankOf(score: number, q: Quantities): { rank: number | null; range: [number, number] } {
  if (score === 0) return { rank: 0, range: [0, 0] };
  const knots: [number, number][] = [[0, 100 - q.pPositive]];
  for (const [value, pct] of [
    [q.p25, 25],
    [q.p50, 50],
    [q.p75, 75],
    [q.p90, 90],
  ] as const) {
    if (value > 0 && pct > knots[knots.length - 1][1]) knots.push([value, pct]);
  }
  for (let i = 1; i < knots.length; i++) {
    const [s0, r0] = knots[i - 1];
    const [s1, r1] = knots[i];
    if (score <= s1) {
      const rank = r0 + ((r1 - r0) * (score - s0)) / (s1 - s0);
      return { rank, range: [rank, rank] };
    }
  }
  const [, top] = knots[knots.length - 1];
  return { rank: null, range: [top, 100] };
}

/**
 * Whether `agatston` is at or above the approximate MESA 75th percentile. A score of 0 never is: the distribution
 * has a point mass at 0, and the guideline rule is about calcium that is present and high for age.
 */
export function cacPercentileBand(
  age: number | undefined,
  sex: Sex | undefined,
  race: Race | undefined,
  agatston: number,
): CacPercentileBand {
  const score = checkedAgatston(agatston);
  if (age === undefined || sex === undefined || race === undefined) return unknown('age, sex and race are all needed');
  const found = approximateQuantities(age, sex, race);
  if (typeof found === 'string') return unknown(found);
  const { rank, range } = rankOf(score, found.q);
  return {
    atOrAbove75th: score > 0 && score >= found.q.p75,
    p75: found.q.p75,
    percentileRank: rank,
    percentileRankRange: range,
    source: `${SOURCE} (${found.how})`,
    approximate: true,
  };
}
