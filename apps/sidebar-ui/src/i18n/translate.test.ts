import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';
import { createTranslator } from './translate.js';

describe('translations', () => {
  it('English and German have exactly the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every placeholder in the German text', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(de[key as keyof typeof de]), key).toEqual(placeholders(text));
    }
  });

  it('picks the language from the host locale, English when unknown', () => {
    expect(createTranslator('de-AT').t('kpi.heading')).toBe('Meine KPIs');
    expect(createTranslator('de').t('kpi.heading')).toBe('Meine KPIs');
    expect(createTranslator('fr-FR').t('kpi.heading')).toBe('My KPIs');
    expect(createTranslator('not a locale!').locale).toBe('en');
  });

  it('fills placeholders', () => {
    expect(createTranslator('en').t('kpi.teamMedian', { value: '80%' })).toBe('Team median: 80%');
  });
});
