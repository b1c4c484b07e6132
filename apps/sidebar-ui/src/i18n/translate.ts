// A tiny translator: one flat JSON catalog per language, `{name}` placeholders, English fallback.
import de from './de.json';
import en from './en.json';

export type MessageKey = keyof typeof en;
export type MessageParams = Readonly<Record<string, string | number>>;

// Typed against English, so a key missing from a translation is a type error.
const CATALOGS: Readonly<Record<string, Readonly<Record<MessageKey, string>>>> = { en, de };

export interface Translator {
  /** The locale numbers and dates are formatted in (the host's, even when the texts fall back to English). */
  readonly locale: string;
  /** The language whose texts are shown. */
  readonly language: string;
  t(key: MessageKey, params?: MessageParams): string;
}

/** Picks the catalog for a BCP 47 tag (`de-AT` uses `de`), English when there is none. */
export function createTranslator(locale: string): Translator {
  const language = pickLanguage(locale);
  const catalog = CATALOGS[language] ?? en;
  return {
    locale: safeLocale(locale),
    language,
    t: (key, params) => interpolate(catalog[key] ?? en[key] ?? key, params),
  };
}

export function pickLanguage(locale: string): string {
  const tag = locale.trim().toLowerCase().replace('_', '-');
  if (tag in CATALOGS) return tag;
  const base = tag.split('-')[0] ?? '';
  return base in CATALOGS ? base : 'en';
}

function interpolate(text: string, params: MessageParams | undefined): string {
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

// Intl throws on a malformed tag; a helpdesk sending one should not break the sidebar.
function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-'))[0] ?? 'en';
  } catch {
    return 'en';
  }
}
