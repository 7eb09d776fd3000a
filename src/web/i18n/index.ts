/** Picks the text catalogue for a language; Swedish is the default and the fallback. */
import { en } from './en.ts';
import { sv, type Catalogue } from './sv.ts';

export type { Catalogue } from './sv.ts';
export type Language = 'sv' | 'en';

export function catalogueFor(language: Language): Catalogue {
  return language === 'en' ? en : sv;
}

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}
