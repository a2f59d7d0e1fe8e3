/** Language detection on short posts, and what it means for sentiment. */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../../electron/core/analysis/analyze-mention';
import { detectLanguage, normalizeLanguageTag } from '../../../../electron/core/analysis/language';

const analyzer = createAnalyzer();
const known = (w: string) => analyzer.model.lexicon.has(w) || analyzer.model.weights.has(w);
const lang = (text: string) => detectLanguage(text, known).language;

describe('detectLanguage', () => {
  it('tells Latin-script languages apart by their function words', () => {
    expect(lang('@united the flight was late again and nobody told us why')).toBe('en');
    expect(lang('el vuelo está retrasado otra vez y nadie nos dice nada')).toBe('es');
    expect(lang('le vol est encore en retard et personne ne nous dit rien')).toBe('fr');
    expect(lang('der Flug ist schon wieder verspätet und niemand sagt uns etwas')).toBe('de');
    expect(lang('o voo está atrasado de novo e ninguém diz nada, não acredito')).toBe('pt');
    expect(lang('de vlucht is weer vertraagd en niemand zegt ons iets, niet normaal')).toBe('nl');
  });

  it('hands Latin-script text that is not plainly English to the trained detector', () => {
    // Texts the function-word lists alone called undetermined or got wrong.
    expect(detectLanguage('Tutti gli esseri umani nascono liberi ed eguali in dignità e diritti', known)).toMatchObject({
      language: 'it',
      reason: expect.stringContaining('tinyld'),
    });
    expect(detectLanguage('Herkes yaşamak, özgürlük ve kişi güvenliği hakkına sahiptir', known).language).toBe('tr');
    expect(detectLanguage('Wszyscy ludzie rodzą się wolni i równi pod względem swej godności', known).language).toBe('pl');
    // English with function words never reaches it.
    expect(detectLanguage('the app keeps crashing when I open it', known).reason).not.toContain('tinyld');
  });

  it('knows short English complaints without function words', () => {
    expect(lang('@united worst airline ever')).toBe('en');
    expect(lang('@united thnx ^LO :-)')).not.toBe('es');
  });

  it('decides other scripts by script, including right-to-left', () => {
    expect(lang('الخدمة سيئة جدا')).toBe('ar');
    expect(lang('השירות היה נורא')).toBe('he');
    expect(lang('сервис ужасный, рейс отменили')).toBe('ru');
    expect(lang('航班又延误了')).toBe('zh');
    expect(lang('フライトが遅れました')).toBe('ja');
    expect(lang('비행기가 지연되었습니다')).toBe('ko');
    expect(lang('เที่ยวบินล่าช้า')).toBe('th');
  });

  it('answers "und" for emoji-only, symbols, handles and links', () => {
    expect(lang('😡😡😡')).toBe('und');
    expect(lang('')).toBe('und');
    expect(lang('@someone https://example.com 123 !!!')).toBe('und');
  });

  it('takes the dominant script of mixed text', () => {
    expect(lang('рейс отменили again, так и знал')).toBe('ru');
    expect(lang('the flight to 東京 was cancelled and nobody called')).toBe('en');
  });

  it('normalises source tags to their primary subtag and ignores junk', () => {
    expect(normalizeLanguageTag('en-US')).toBe('en');
    expect(normalizeLanguageTag('pt_BR')).toBe('pt');
    expect(normalizeLanguageTag('<script>')).toBeNull();
    expect(normalizeLanguageTag(null)).toBeNull();
  });
});

describe('language and sentiment', () => {
  it("says 'unknown' for a supported-looking text in an unsupported language", () => {
    expect(analyzer.sentiment('el servicio es terrible y el vuelo está cancelado', null)).toMatchObject({ label: 'unknown', language: 'es', supported: false });
    expect(analyzer.sentiment('الخدمة سيئة جدا', null).label).toBe('unknown');
  });

  it("lets the source's own language win over detection", () => {
    const s = analyzer.sentiment('worst airline ever', 'de');
    expect(s).toMatchObject({ label: 'unknown', language: 'de', languageSource: 'source' });
    const t = analyzer.sentiment('el servicio terrible', 'en-GB');
    expect(t.language).toBe('en');
    expect(t.label).not.toBe('unknown');
  });

  it('still scores emoji-only posts (no language, but a clear sentiment)', () => {
    expect(analyzer.sentiment('😡😡', null)).toMatchObject({ label: 'negative', language: 'und' });
  });
});
