import { foldAccents, type Language } from '../../guardrails/index.js';

/**
 * How questions and articles are cut into terms. Accents are dropped (consumers type "cuanto" for
 * "cuánto"), function words are ignored (so "what is the" matches nothing on its own), and a light
 * suffix stripping lets "disputing" meet "dispute" and "deudas" meet "deuda".
 */

const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    `a about after again all also am an and any are as at be been before being but by can could did do does doing don dont for from
    get got had has have having he her here hers him his how i if im in into is it its ive just me might more most my no not now of
    off on once only or other our out over own please same she should so some such than that thats the their them then there these
    they this those through to too under until up very was we were what whats when where which while who whom will with would
    you your youre yours yourself hi hello hey thanks thank ok okay
    time times day days today tonight night last way thing things know want need tell like go going make take give help someone something anything`.split(/\s+/),
  ),
  es: new Set(
    `a al algo algun alguna alguno ante antes aqui asi cada como con contra cual cuales cuando de del desde donde dos el ella ellas
    ellos en entre era eres es esa esas ese eso esos esta estan estar estas este esto estos estoy fue ha habia han hay hola la las
    le les lo los mas me mi mis mucho muy nada ni no nos nosotros o os otra otro para pero poco por porque puede pueden puedo que
    quien se sea ser si sin sobre sois solo somos son soy su sus tambien te tengo tiene tienen todo tu tus un una uno unos usted
    ustedes va vamos y ya yo gracias favor
    hoy dia dias noche cosa cosas quiero quiere saber decir dime cuentame hacer hace tiempo hora horas ayuda ayudar ayudarme`.split(/\s+/),
  ),
};

const SUFFIXES: Record<Language, readonly string[]> = {
  en: ['ments', 'ment', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 'ly', 's', 'e'],
  es: ['aciones', 'acion', 'amientos', 'amiento', 'mente', 'ando', 'iendo', 'ados', 'idos', 'ado', 'ido', 'ar', 'er', 'ir', 'es', 'as', 'os', 's', 'a', 'o', 'e'],
};

/** The searchable form of one word, or null for a function word. */
export function termOf(word: string, language: Language): string | null {
  const folded = foldAccents(word.toLowerCase()).replace(/[^a-z0-9]/g, '');
  if (folded.length < 2 || STOP_WORDS[language].has(folded)) return null;
  for (const suffix of SUFFIXES[language]) {
    if (folded.endsWith(suffix) && folded.length - suffix.length >= 3) return folded.slice(0, -suffix.length);
  }
  return folded;
}

export function tokenize(text: string): string[] {
  return text.split(/[\s\-.,;:!?¿¡"'“”‘’()[\]{}/\\*_#>|]+/).filter((word) => word.length > 0);
}

/** The distinct searchable terms of a text. */
export function termsOf(text: string, language: Language): string[] {
  return [...new Set(tokenize(text).map((word) => termOf(word, language)).filter((term): term is string => term !== null))];
}
