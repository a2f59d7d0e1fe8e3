/** The satisfaction answer parser records a number only where a person would read one. */
import { describe, expect, it } from 'vitest';
import { parseSurveyAnswer } from '@shared/logic/care/survey-answer';

describe('parseSurveyAnswer', () => {
  it('reads a bare number, a score out of the scale, and a number in a short sentence', () => {
    expect(parseSurveyAnswer('4', 'csat')).toBe(4);
    expect(parseSurveyAnswer('@KestrelMobile 4/5', 'csat')).toBe(4);
    expect(parseSurveyAnswer('5 out of 5, thanks!', 'csat')).toBe(5);
    expect(parseSurveyAnswer("I'd say 9", 'nps')).toBe(9);
    expect(parseSurveyAnswer('@kestrel@mastodon.example 0', 'nps')).toBe(0);
    expect(parseSurveyAnswer('10/10 would recommend', 'nps')).toBe(10);
  });

  it('records nothing without exactly one number in the scale', () => {
    expect(parseSurveyAnswer('thanks, all good now', 'csat')).toBeNull();
    expect(parseSurveyAnswer('9', 'csat')).toBeNull();
    expect(parseSurveyAnswer('4/10', 'csat')).toBeNull();
    expect(parseSurveyAnswer('3 or 4', 'csat')).toBeNull();
    expect(parseSurveyAnswer('flight 353', 'nps')).toBeNull();
    expect(parseSurveyAnswer('back at 10:30', 'nps')).toBeNull();
    expect(parseSurveyAnswer('2.5', 'csat')).toBeNull();
    expect(parseSurveyAnswer('5G still down', 'csat')).toBeNull();
    expect(parseSurveyAnswer('-1', 'nps')).toBeNull();
    expect(parseSurveyAnswer('we are #1', 'csat')).toBeNull();
    expect(parseSurveyAnswer('see https://example.com/4', 'csat')).toBeNull();
    expect(parseSurveyAnswer('honestly the signal dropped again tonight and I waited on hold for 3 hours before anyone answered', 'csat')).toBeNull();
  });
});
