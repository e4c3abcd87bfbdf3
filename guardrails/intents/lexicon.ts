// Texting shorthand and contractions, written out so the phrase files need one spelling each.
// Keys are lowercase tokens without accents; apostrophes are tried first as typed ("i'll"), then
// removed ("ill" stays "ill": it is also a word).

export const EXPANSIONS: Readonly<Record<string, string>> = {
  // English contractions, with and without the apostrophe.
  "don't": 'do not', dont: 'do not', "doesn't": 'does not', doesnt: 'does not', "didn't": 'did not', didnt: 'did not',
  "won't": 'will not', wont: 'will not', "can't": 'can not', cant: 'can not', cannot: 'can not', "couldn't": 'could not', couldnt: 'could not',
  "shouldn't": 'should not', shouldnt: 'should not', "wouldn't": 'would not', wouldnt: 'would not', "isn't": 'is not', isnt: 'is not',
  "aren't": 'are not', arent: 'are not', "wasn't": 'was not', wasnt: 'was not', "weren't": 'were not', werent: 'were not',
  "haven't": 'have not', havent: 'have not', "hasn't": 'has not', hasnt: 'has not', "hadn't": 'had not', hadnt: 'had not',
  "ain't": 'is not', aint: 'is not', "mustn't": 'must not', "needn't": 'need not',
  "i'm": 'i am', im: 'i am', "i've": 'i have', ive: 'i have', "i'll": 'i will', "i'd": 'i would',
  "you're": 'you are', youre: 'you are', "you've": 'you have', "you'll": 'you will', "you'd": 'you would',
  "we're": 'we are', "we've": 'we have', "we'll": 'we will', "they're": 'they are', theyre: 'they are', "they'll": 'they will', "they've": 'they have',
  "he's": 'he is', hes: 'he is', "she's": 'she is', shes: 'she is', "it's": 'it is', its: 'it is', "that's": 'that is', thats: 'that is',
  "what's": 'what is', whats: 'what is', "who's": 'who is', whos: 'who is', "where's": 'where is', "there's": 'there is', theres: 'there is',
  "here's": 'here is', "how's": 'how is', "let's": 'let us', "it'll": 'it will', "that'll": 'that will',
  // Texting shorthand.
  u: 'you', yu: 'you', ur: 'your', yr: 'your', ure: 'you are', r: 'are', pls: 'please', plz: 'please', plse: 'please', pleas: 'please',
  pleez: 'please', plez: 'please', thx: 'thanks', thnx: 'thanks', thanx: 'thanks', ty: 'thanks', tnx: 'thanks', tks: 'thanks',
  txt: 'text', txts: 'texts', txting: 'texting', txted: 'texted', msg: 'message', msgs: 'messages', msging: 'messaging', mssg: 'message',
  cuz: 'because', coz: 'because', cos: 'because', bc: 'because', bcuz: 'because', bcoz: 'because', becuz: 'because', cause: 'because',
  wanna: 'want to', gonna: 'going to', gotta: 'got to', gimme: 'give me', lemme: 'let me', ppl: 'people', rn: 'right now',
  idk: 'i do not know', dunno: 'do not know', tmrw: 'tomorrow', tmr: 'tomorrow', tmrrw: 'tomorrow', tomoro: 'tomorrow', tomorow: 'tomorrow',
  tmw: 'tomorrow', '2morrow': 'tomorrow', '2moro': 'tomorrow', '2day': 'today', '2nite': 'tonight', tonite: 'tonight', b4: 'before', l8r: 'later',
  wk: 'week', wks: 'weeks', hr: 'hour', hrs: 'hours', mins: 'minutes', fone: 'phone', ph: 'phone', atty: 'attorney', attny: 'attorney', lawer: 'lawyer',
  acct: 'account', amt: 'amount', pmt: 'payment', pymt: 'payment', pmts: 'payments', bal: 'balance', govt: 'government', abt: 'about', bout: 'about',
  sry: 'sorry', srry: 'sorry', hv: 'have', nvr: 'never', evr: 'ever', nomore: 'no more',
  tho: 'though', thru: 'through', w: 'with', wo: 'without',
  ch7: 'chapter 7', ch13: 'chapter 13', ch11: 'chapter 11', chap: 'chapter', bk: 'bk', unsub: 'unsubscribe', optout: 'opt out', 'opt-out': 'opt out',
  sum1: 'someone', some1: 'someone', any1: 'anyone', no1: 'no one', nobody: 'nobody', noone: 'no one',
  // Spanish texting shorthand.
  q: 'que', ke: 'que', xq: 'porque', pq: 'porque', porq: 'porque', xk: 'porque', tb: 'tambien', tmb: 'tambien', tbn: 'tambien',
  msj: 'mensaje', msjs: 'mensajes', mnsj: 'mensaje', mje: 'mensaje', msje: 'mensaje', xfa: 'por favor', xfavor: 'por favor', porfa: 'por favor',
  porfavor: 'por favor', pf: 'por favor', dnd: 'donde', pa: 'para', ps: 'pues', kiero: 'quiero', kien: 'quien', aki: 'aqui', d: 'de',
  bn: 'bien', nd: 'nada', tqm: 'te quiero mucho', sta: 'esta', ntc: 'no te preocupes', ola: 'hola', holaa: 'hola',
  yamen: 'llamen', yame: 'llame', yamar: 'llamar', yamarme: 'llamarme', yamadas: 'llamadas', yamada: 'llamada', ablar: 'hablar', ablo: 'hablo', nesesito: 'necesito',
  desir: 'decir', aser: 'hacer', ise: 'hice', abogao: 'abogado', nomas: 'no mas', nadamas: 'nada mas', orita: 'ahorita', cel: 'celular', tel: 'telefono',
};

/**
 * Words a consumer may write that are not in the dictionaries the generated list comes from
 * (known-words.ts), and must not be "corrected" into a keyword either.
 */
export const EXTRA_KNOWN_WORDS: readonly string[] = ['filed', 'fired', 'lived', 'later', 'texted', 'tested', 'deal', 'dead', 'ballance', 'anyways', 'gonna', 'wanna'];
