/**
 * Reading a customer's answer to a satisfaction question out of their reply. Conservative on
 * purpose: a wrong score is worse than none, so the reply must be short and hold exactly one
 * number in the scale (optionally written "4/5", "4 out of 5", "9/10"); anything else (two
 * numbers, "flight 353", "10:30", a long message) records nothing.
 */
export type SurveyKind = 'csat' | 'nps';

export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number }> = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } };

/** Longer replies are conversations, not answers: the number in them may be anything. */
const MAX_WORDS = 12;

export function parseSurveyAnswer(text: string, kind: SurveyKind): number | null {
  const { min, max } = SURVEY_SCALES[kind];
  // Handles and links carry digits that are no answer.
  const clean = text
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/(^|\s)@[\w.@-]+/g, ' ')
    .trim();
  if (clean.split(/\s+/).filter(Boolean).length > MAX_WORDS) return null;
  // "4/5" and "4 out of 5" are one answer; the scale's top must match the question asked.
  let otherScale = false;
  const scaled = clean.replace(/\b(\d{1,2})\s*(?:\/|out of|of)\s*(\d{1,2})\b/gi, (_whole, value: string, top: string) => {
    if (Number(top) !== max) otherScale = true;
    return ` ${value} `;
  });
  if (otherScale) return null;
  // Standalone whole numbers only: "353", "10:30", "2.5", "#1" or "5G" are not scores.
  const numbers = [...scaled.matchAll(/(?<![\w.:#/-])(\d+)(?![\w.:/%-]|[.,]\d)/g)].map((m) => Number(m[1]));
  const any = [...scaled.matchAll(/\d+/g)].length;
  if (numbers.length !== 1 || any !== 1) return null;
  const value = numbers[0]!;
  return value >= min && value <= max ? value : null;
}
