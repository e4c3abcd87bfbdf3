/**
 * The one accent folding of Parley: "más" and "mas", "sí" and "si" compare equal. Every caller that
 * matches consumer words (phrases, draft checks, identity answers, articles) goes through it.
 */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}
