import { checkedAgatston } from './cac-categories';
import type { Race, Sex } from './risk-input';

/**
 * Approximate "CAC at or above the 75th MESA percentile for age, sex and race" (McClelland et al., Circulation
 * 2006;113:30-37). MESA publishes no formula or full table, only an online calculator; the anchors below are
 * third-party scrapes of it (reference section 1.8), so every answer is flagged approximate and, where no anchor is
 * close enough, unknown (null) rather than guessed.
 */

interface Anchor {
  age: number;
  p75: number;
}

// 75th-percentile Agatston scores. White: ages 45, 65, 84; other MESA races: age 65 only.
const WHITE_ANCHORS: Record<Sex, readonly Anchor[]> = {
  male: [
    { age: 45, p75: 0 },
    { age: 65, p75: 307 },
    { age: 84, p75: 1634 },
  ],
  female: [
    { age: 45, p75: 0 },
    { age: 65, p75: 54 },
    { age: 84, p75: 488 },
  ],
};

const AGE_65_P75: Record<'black' | 'chinese' | 'hispanic', Record<Sex, number>> = {
  black: { male: 95, female: 26 },
  chinese: { male: 121, female: 45 },
  hispanic: { male: 141, female: 19 },
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
  /** Where p75 came from, or why it is unknown. */
  source: string;
  approximate: true;
}

function unknown(why: string): CacPercentileBand {
  return { atOrAbove75th: null, p75: null, source: `${SOURCE}: ${why}`, approximate: true };
}

function interpolate(anchors: readonly Anchor[], age: number): number | null {
  for (let i = 1; i < anchors.length; i++) {
    const lo = anchors[i - 1];
    const hi = anchors[i];
    if (age >= lo.age && age <= hi.age) return lo.p75 + ((hi.p75 - lo.p75) * (age - lo.age)) / (hi.age - lo.age);
  }
  return null;
}

function approximateP75(age: number, sex: Sex, race: Race): { p75: number; how: string } | string {
  if (race === 'other') return 'no MESA reference group for race "other"';
  if (race === 'white') {
    const anchors = WHITE_ANCHORS[sex];
    const p75 = interpolate(anchors, age);
    const ages = anchors.map((anchor) => anchor.age).join('/');
    if (p75 === null) return `age ${age} outside the white ${sex} anchors (${ages} years)`;
    return { p75, how: `white ${sex}, linear in age between anchors at ${ages} years` };
  }
  if (Math.abs(age - SINGLE_ANCHOR_AGE) > SINGLE_ANCHOR_HALF_WIDTH_YEARS) {
    return `only an age-65 anchor for ${race} ${sex}, used at ages 60–70; age ${age} is outside`;
  }
  return { p75: AGE_65_P75[race][sex], how: `${race} ${sex}, age-65 anchor used for ages 60–70` };
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
  const found = approximateP75(age, sex, race);
  if (typeof found === 'string') return unknown(found);
  return {
    atOrAbove75th: score > 0 && score >= found.p75,
    p75: found.p75,
    source: `${SOURCE} (${found.how})`,
    approximate: true,
  };
}
