// The words the draft checks look for, English and Spanish together, as regular expressions over
// the folded draft (lowercase, no accents, straight apostrophes). Data, so compliance can read and
// extend them; checks.ts decides what a match means (negated? intended? on the account?).

const W = String.raw;

/** Threats of arrest, jail or criminal process (12 CFR 1006.18(b)-(c)): never said, unless negated. */
export const CRIMINAL = [
  W`arrest(?:ed|s|ing)?`, W`jail(?:ed)?`, W`prison`, W`imprison\w*`, W`incarcerat\w*`, W`locked up`, W`behind bars`, W`handcuff\w*`,
  W`criminal(?:ly)?\s+(?:charges?|case|complaint|prosecution|record|offen[cs]e|investigation|proceedings?|liab\w*|action)`, W`criminal(?=\s+(?:court|fraud))`,
  W`prosecut\w*`, W`police(?!\s+report)`, W`sheriff'?s?(?!\s+sale)`, W`(?:arrest\s+)?warrant`, W`law enforcement`, W`felony`, W`misdemeanou?r`,
  W`(?:theft|fraud|bad check)\s+charges?`, W`charged with (?:a crime|fraud|theft)`, W`press(?:ing)? charges`,
  W`arrest(?:o|ado|ada|ados|ar|arle|arlo|arla|aran|aremos)`, W`carcel`, W`prision`, W`encarcel\w*`, W`cargos (?:criminales|penales)`, W`denuncia penal`,
  W`delito`, W`policia`, W`orden de (?:arresto|captura|aprehension)`, W`detenid[oa]s?`, W`fiscalia`, W`proceso penal`,
];

/** Legal action the collector may threaten only when lawful and intended; a suit never on a time-barred debt. */
export const ACTIONS: Readonly<Record<'suit' | 'garnishment' | 'seizure' | 'credit-report', readonly string[]>> = {
  suit: [
    W`sue`, W`sued`, W`suing`, W`lawsuits?`, W`legal (?:action|proceedings?|steps|measures|remedies)`, W`(?:take|taking|took|bring|drag)\w* (?:you|this|the matter|this matter|people|consumers|debtors|customers|them|accounts like yours) to court`, W`in court`, W`court action`,
    W`litigat\w*`, W`file (?:a )?(?:suit|claim|case|complaint) against you`, W`judge?ments? against you`, W`summons`, W`small claims`, W`see you in court`,
    W`demand(?:a|ar|arle|arlo|arla|aremos|ara|aran|ado|ada|arlos)`, W`acci(?:on|ones) legal(?:es)?`, W`proceso judicial`, W`llevar(?:le|lo|la|los)? (?:a|ante) (?:la corte|los tribunales|un tribunal|juicio)`,
    W`juicio`, W`litigio`, W`(?:refer|send|forward|transfer|hand|turn|pass|assign)\w* (?:your (?:account|file|case|debt)|this (?:account|matter|file|debt)|it) (?:over )?to (?:an? |our |the )?(?:collection )?(?:attorneys?|lawyers?|law firm|legal(?: department| team)?)`,
    W`(?:account|file|case|debt|matter) (?:will|may|could|might|is going to|has been|is being|is|will soon) (?:be )?(?:referred|sent|forwarded|transferred|handed|turned|assigned|escalated) (?:over )?to (?:an? |our |the )?(?:collection )?(?:attorneys?|lawyers?|law firm|legal(?: department| team)?)`,
    W`(?:enviar|enviada|enviado|turnar|turnada|pasar|pasada)\w* (?:a|al) (?:un |nuestros? )?(?:abogad[oa]s?|departamento legal|bufete)`,
  ],
  garnishment: [W`garnish\w*`, W`wage (?:deductions?|attachments?|orders?)`, W`attach(?:ment of)? your (?:wages|salary|pay)`, W`embarg\w*`, W`retencion (?:de|del) (?:salario|sueldo)`, W`descontar(?:le)? de su (?:salario|sueldo)`],
  seizure: [
    W`seiz(?:e|ed|ing|ure)`, W`levy`, W`levied`, W`repossess\w*`, W`liens?`, W`take (?:away )?your (?:house|home|car|vehicle|property|assets|belongings|paycheck|tax refund|savings)`,
    W`freez(?:e|ing) your (?:bank )?(?:accounts?|assets|funds)`, W`confiscat\w*`, W`foreclos\w*`, W`take everything you (?:own|have)`,
    W`incaut\w*`, W`confisc\w*`, W`gravamen`, W`quitar(?:le)? (?:su|la|el|sus) (?:casa|carro|coche|auto|propiedad|bienes|cuenta|sueldo)`, W`congelar su cuenta`, W`ejecucion hipotecaria`,
  ],
  'credit-report': [
    W`report (?:you|this(?: debt| account)?|the (?:debt|account)|it|your (?:debt|account)) to (?:the |all )?(?:(?:three |nationwide )?credit (?:bureaus?|reporting agencies?)|equifax|experian|transunion)`,
    W`reportar(?:lo|la|le)? (?:a|al|a las|a los) (?:buro|agencias de (?:informes|reporte) de credito)`,
  ],
};

/** Exaggerated harm to credit, never true as a promise: flagged even when reporting is intended. */
export const CREDIT_RUIN = [
  W`(?:ruin|destroy|wreck|tank|trash|kill|devastate)\w* your credit`, W`your credit (?:will|is going to) be (?:ruined|destroyed|wrecked|gone|finished|over)`,
  W`never (?:get|qualify for|be approved for) (?:a |any )?(?:loan|credit|mortgage|apartment|car|job)`, W`arruinar(?:le)? su credito`, W`destruir su credito`,
];

// Explanation, not a threat: how the law works, said to inform ("wages can be garnished only after a judgment").
export const EXPLANATION = W`\b(?:only (?:after|if|with|when|by|a court)|requires?|required|needs? (?:a )?court|court (?:judgment|order) first|must first|first (?:need|needs|have to|has to)|you (?:would |will )?(?:get|receive) court papers|right to respond|the law|by law|is (?:not )?allowed|are (?:not )?allowed|protections?|your rights|statute of limitations|time limit|each state|time-barred|solo (?:despues|si|con|cuando)|requiere|la ley|sus derechos|tiene derecho|prescri\w*|plazo para|cada estado)\b`;

/** Claims of being, or acting for, an attorney, court, government, police or credit bureau. */
export const IMPERSONATION = [
  W`(?:this is|we are|i am|i'm|we're|calling from|writing from|texting from|contacting you from|on behalf of|acting for|acting on behalf of|i'm with|we're with|i am with|we are with|work(?:ing)? for|an agent of|officers? of) (?:the |a |an |your local |the local )?(?:law (?:office|firm|offices)|attorneys? (?:at law|office)|legal department|district attorney|government|federal (?:agency|government|agent|officers?)|state (?:agency|government|attorney)|(?:county|district|superior|federal|civil|small claims) court|court(?:house)?|irs|internal revenue service|fbi|department of (?:justice|the treasury|revenue)|treasury|police(?: department)?|sheriff'?s? (?:office|department)|u\.?s\.? marshals?|credit (?:bureau|reporting agency)|equifax|experian|transunion)`,
  W`(?:our|my) (?:attorneys?|lawyers?|legal (?:department|team|counsel|division)|law firm|in-house counsel)`, W`attorneys? at law`, W`law offices? of`, W`\besq\.?(?=\s|$|,)`, W`esquire`,
  W`legal department`, W`process server`, W`subpoena\w*`, W`court officer`, W`(?:official|final|formal) (?:legal|court|government) (?:notice|summons|demand|papers)`, W`legal notice`, W`notice of (?:legal action|intent to sue|lawsuit)`,
  W`(?:somos|soy|le habla|le escribe|le llama|le llamamos|llamamos|escribimos|actuamos|trabajamos para|representamos a|en nombre|de parte) (?:de(?:l| la| los| las)? )?(?:el |la |un |una |los |las )?(?:gobierno|tribunal|juzgado|corte|policia|irs|fbi|departamento legal|bufete|despacho de abogados|abogad[oa]s?|buro de credito|equifax|experian|transunion|fiscalia|oficina legal)`,
  W`(?:nuestros?|mis?) (?:abogad[oa]s?|departamento legal|bufete)`, W`orden judicial`, W`citacion judicial`, W`aviso legal`, W`notificador judicial`,
];

/** Obscene, profane, abusive or demeaning words (12 CFR 1006.14(d)). */
export const ABUSIVE = [
  W`f[u*@]+c?k\w*`, W`sh[i!1*]t\w*`, W`b[i!1*]tch\w*`, W`bastards?`, W`a[s$*]{2}hole\w*`, W`goddamn\w*`, W`damn(?:ed|it)?`, W`crap\w*`, W`piss(?:ed)?`, W`dick\w*`, W`dumb(?:ass)?`,
  W`idiot\w*`, W`stupid\w*`, W`moron\w*`, W`losers?`, W`deadbeats?`, W`scum\w*`, W`worthless`, W`pathetic`, W`lazy`, W`liars?`, W`cheat(?:er|ers)?`, W`thie(?:f|ves)`,
  W`irresponsible`, W`shame on you`, W`(?:should|ought to) be ashamed`, W`ashamed of yourself`, W`how dare you`, W`freeloader\w*`, W`leech(?:es)?`, W`trash`, W`garbage`, W`hell`,
  W`shut up`, W`grow up`, W`get a job`, W`sorry excuse`, W`imbecile\w*`, W`cretin\w*`, W`incompetent`, W`clown`, W`sleaze\w*`, W`parasite\w*`, W`bum`,
  W`idiota\w*`, W`estupid[oa]s?`, W`pendej[oa]s?`, W`mierda`, W`carajo`, W`put[oa]s?`, W`cabron\w*`, W`inutil(?:es)?`, W`sinverguenza\w*`, W`vag[oa]s?`, W`mentiros[oa]s?`,
  W`tramposo\w*`, W`ladron\w*`, W`imbecil\w*`, W`maldit[oa]s?`, W`(?:deberia|debe) (?:darle|tener|sentir) verguenza`, W`que verguenza`, W`irresponsable\w*`, W`estafador\w*`, W`gorron\w*`, W`muerto de hambre`, W`parasito\w*`,
];

/** Discouraging a dispute or overshadowing the validation period (12 CFR 1006.38). Built on negation, so never negation-filtered. */
export const OVERSHADOWING = [
  W`(?:do not|don't|dont|no need to|no point(?: in)?|there is no point(?: in)?|pointless to|useless to|(?:a )?waste of (?:your )?time to|not worth|why bother) (?:even )?(?:bother(?:ing)? )?(?:to )?(?:disput|contest|challeng)\w*`,
  W`(?:disput|contest|challeng)\w* (?:it |this |the debt |now |at this point |anything )?(?:only |just |simply |probably |really |now )?(?:will not|won't|doesn't|does not|is not going to|will never|never|cannot|can't|isn't going to) (?:help|change|matter|work|stop|make (?:a|any) difference|do (?:anything|you any good)|get you anywhere|succeed)`,
  W`(?:you )?(?:can ?not|can't|may not|are not (?:allowed|able|permitted) to|are unable to|no longer (?:can|may)) (?:dispute|challenge|contest)`,
  W`(?:no|waived|lost|forfeited|gave up) (?:the |your |any )?right to (?:dispute|challenge|contest)`, W`(?:do not|don't) have (?:the |a |any )?right to (?:dispute|challenge)`,
  W`(?:ignore|disregard) (?:the |this |that |your |any )?(?:validation|dispute|notice|letter|rights|period)`,
  W`(?:even if|regardless of whether|whether or not|regardless if) you (?:dispute|disagree|contest)`, W`regardless of (?:any|your|a) dispute`,
  W`(?:must|have to|need to|should|still) pay (?:before|first|even if|regardless|prior to|while) (?:you )?(?:can )?(?:dispute|disputing|the dispute)`, W`pay (?:first|now),? (?:then |and )?(?:dispute|ask questions) later`, W`dispute later`,
  W`(?:pay|payment) (?:now|today|immediately) or (?:else|we|you)`,
  W`validation period (?:does not|doesn't|no longer|will not|won't) (?:apply|matter|count)`, W`(?:30|thirty)[- ]day (?:period|window) (?:does not|doesn't|won't) (?:apply|matter)`, W`(?:there is no|you have no) (?:validation|dispute) period`,
  W`disput\w* (?:it |this |the debt )?(?:will|could|may|would|only|just|can)(?: only| just| probably| really)? (?:hurt|damage|harm|ruin|affect|increase|cost|delay|lower|slow|make (?:it|things) worse)`, W`(?:fee|charge|penalty|cost) (?:for|to) (?:dispute|disputing)`, W`dispute fee`,
  W`no (?:se moleste|vale la pena|sirve de nada|tiene sentido|gane nada) (?:en )?(?:disputar|impugnar)`, W`(?:no puede|no podra|ya no puede|no tiene derecho a) (?:disputar|impugnar)`,
  W`(?:ignore|haga caso omiso de|olvidese de) (?:el|la|su|este|esta) (?:aviso|notificacion|periodo|carta|derecho)`, W`(?:aunque|aun si|incluso si) (?:usted )?disput\w*`,
  W`pague (?:ahora|hoy|primero)(?: y)? (?:dispute|dispute despues|o si no|o)`, W`(?:perdio|no tiene|renuncio a) (?:el |su )?derecho a (?:disputar|impugnar)`, W`disputar (?:no|nunca) (?:le )?(?:ayudara|servira|cambiara)`,
];

/** Invented deadlines and pressure (12 CFR 1006.18(b)-(c); UK CONC 7.3.10). */
export const FALSE_URGENCY = [
  W`today only`, W`(?:last|final) (?:chance|opportunity|warning|notice|demand|offer)`, W`act (?:now|immediately|fast|today|quickly)`,
  W`(?:pay|respond|call|reply|payment|contact us|act) (?:immediately|right away|at once|asap|without delay|right now or)`, W`immediately or`, W`urgent\w*`,
  W`time is running out`, W`running out of time`, W`before it'?s too late`, W`(?:offer|deal|discount|opportunity) (?:ends|expires|closes) (?:today|tonight|soon|at midnight|in \d+)`,
  W`expires? (?:today|tonight|in \d+ (?:hours|minutes))`, W`within (?:24|48|72|twenty[- ]four|forty[- ]eight) hours`, W`limited[- ]time`, W`now or never`, W`or else`, W`don'?t (?:wait|delay)`,
  W`this is your (?:last|final)`, W`(?:must|need to|have to|required to) (?:pay|respond|act|call) (?:today|now|immediately|right now|tonight|by (?:tonight|end of (?:the )?day|midnight))`,
  W`(?:by|before) (?:the )?(?:end of (?:the )?(?:day|business)|close of business|midnight) (?:today|tonight)`, W`avoid (?:further|serious|legal|additional) (?:action|consequences|steps)`, W`serious consequences`,
  W`(?:this|the|your) (?:matter|account|file) (?:is being|has been|will be) escalated`, W`time[- ]sensitive`,
  W`solo (?:por )?hoy`, W`(?:ultima|unica) (?:oportunidad|advertencia|notificacion|chance)`, W`aviso final`, W`actue (?:ahora|ya|de inmediato|rapido)`,
  W`(?:pague|paga|pagar|responda|llame|conteste) (?:de inmediato|inmediatamente|ya mismo|ahora mismo|hoy mismo)`, W`hoy mismo`, W`pague ya`, W`(?:tiene|dispone de|cuenta con) (?:solo |solamente |unicamente )?(?:24|48|72|\d+) horas`, W`you (?:only )?have (?:only )?(?:24|48|72|\d+) hours`, W`inmediatamente o`, W`urgente\w*`, W`se (?:acaba|agota) el tiempo`,
  W`antes de que sea (?:demasiado )?tarde`, W`(?:vence|expira|termina) (?:hoy|esta noche)`, W`en (?:las proximas )?(?:24|48|72) horas`, W`o si no`, W`ahora o nunca`, W`no espere`, W`tiempo limitado`, W`consecuencias graves`,
];

/** Instruction text, prompt echoes, role markers, unfilled template slots (Parley policy; CFPB chatbot report 2023). */
export const LEAKED = [
  W`as an ai(?: language)?(?: model| assistant)?`, W`as a (?:large )?language model`, W`(?:i am|i'm) (?:just )?(?:an ai|a language model|a large language model|chatgpt|a chatbot built)`, W`system prompt`, W`system message`,
  W`(?:my|the|these|your) instructions (?:say|are|tell|state|were|require)`, W`i (?:was|am|have been) (?:instructed|told|programmed|prompted|configured) (?:to|not to)`,
  W`(?:^|\n)\s*(?:system|assistant|user|human|developer|ai)\s*:`, W`<\|[a-z_]+\|>`, W`\[/?inst\]`, W`<</?sys>>`, W`#{2,}\s*(?:instruction|system|response|input|output)`,
  W`ignore (?:all |any )?(?:previous|prior|above|earlier) instructions`, W`(?:you are|you're) (?:parley|a (?:helpful |friendly )?(?:assistant|chatbot|language model|debt collection (?:assistant|agent)))`,
  W`speech act`, W`(?:template|slot) (?:id|name|value)`, W`\{\{[^}]*\}\}`, W`\{[a-z][a-zA-Z_]*\}`, W`guardrails?`, W`tool[_ ]calls?`, W`function[_ ]calls?`, W`openai`, W`chatgpt`, W`gpt-?\d`,
  W`knowledge cutoff`, W`i (?:cannot|can't) (?:comply|fulfill|help) with (?:that|this) request`, W`rewrite(?:d)? (?:draft|text|message)[: ]`, W`here is (?:the|a|your) (?:rewritten|rephrased|revised) (?:draft|message|text|version)`,
  W`como (?:un )?modelo de lenguaje`, W`como (?:una )?(?:ia|inteligencia artificial)\b`, W`instrucciones del sistema`, W`mis instrucciones`, W`se me (?:indico|instruyo|pidio que)`, W`fui programad[oa]`, W`mensaje del sistema`,
];

/** UK only: pressure to borrow, to sell the home, or to raise money in ways CONC 7.3.10 and 7.11 forbid. */
export const UK_MISLEADING = [
  W`borrow(?:ing)? (?:money |the money |it |funds )?(?:from (?:friends|family|a friend|relatives|someone|a lender)|to (?:pay|clear|settle))`, W`take out (?:a |another |an )?(?:loan|payday loan|credit card|overdraft|advance)`,
  W`payday loans?`, W`(?:loan|credit card|overdraft|cash advance) to (?:pay|clear|settle)`, W`sell(?:ing)? (?:your|the) (?:home|house|property|flat|car|belongings|possessions)`,
  W`re-?mortgag\w*`, W`release (?:the )?equity`, W`equity release`, W`ask (?:your )?(?:friends|family|relatives|parents) (?:for (?:money|help paying)|to lend)`,
  W`(?:use|dip into|cash in|withdraw) your (?:savings|pension|credit card)`, W`cash in your pension`,
];

/** Before identity is verified: words that reveal a debt or its collection (12 CFR 1006.6(d)). */
export const DEBT_REVEALING = [
  W`debts?`, W`owe[sd]?`, W`owing`, W`balance`, W`collect(?:ion|ions|or|ors|ing|ed)?`, W`creditors?`, W`past[- ]due`, W`overdue`, W`delinquen\w*`, W`arrears`,
  W`outstanding (?:amount|balance|sum)`, W`amount (?:due|owed)`, W`payments?`, W`pay (?:off|this|it|the|your|now|today|online)`, W`settle(?:ment)?`, W`charge[- ]?off`, W`account (?:number|ending|#|no\.?)`,
  W`(?:your|the) (?:account|loan|card) (?:with|ending|number|balance|is|has)`, W`garnish\w*`, W`lawsuit`, W`judge?ment`, W`repossess\w*`, W`bankruptcy`, W`validation`, W`itemi[sz]\w*`, W`dispute`,
  W`deudas?`, W`debe`, W`adeud\w*`, W`saldo`, W`cobr(?:o|anza|ador|adores|ar|amos|os)`, W`acreedor\w*`, W`vencid[oa]`, W`atrasad[oa]`, W`moros[oa]`, W`mora`, W`pagos?`, W`pagar`,
  W`liquidacion`, W`numero de cuenta`, W`cuenta (?:terminada|que termina)`, W`disputa\w*`,
];

/** Fee words: a fee must be on the account (12 CFR 1006.18(b)(2), 1006.22(b)). */
export const FEE = W`\b(?:fees?|surcharges?|service charges?|processing charges?|late charges?|penalt(?:y|ies)|convenience charges?|collection (?:costs|charges)|admin(?:istrative)? charges?|cargos?|comision(?:es)?|recargos?|multas?|penalidad(?:es)?|penalizacion(?:es)?|tarifas?)\b`;
/** A fee said to be charged, added or owed (what turns a fee word into a claim). */
export const FEE_CLAIM = W`\b(?:will|may|could|would|shall|must|is|are|be|been|gets?)\s+(?:be\s+)?(?:charged|added|applied|assessed|incurred|due|owed|imposed|required)\b|\b(?:charge|add|apply|assess|impose|incur|owe|pay)(?:s|d|ed|ing)?\s+(?:you\s+)?(?:an?\s+|the\s+)?(?:additional\s+|extra\s+|late\s+|processing\s+|convenience\s+|service\s+)?(?:fees?|charges?|penalt)|\bplus\s+(?:an?\s+)?(?:\$?\d[\d.,]*\s+)?(?:fees?|charges?)|\b(?:additional|extra|new|late|processing|convenience|service|admin|administrative)\s+(?:fees?|charges?)|\b(?:se (?:le )?(?:cobrara|agregara|aplicara|sumara)|(?:cobrar|agregar|aplicar|sumar)(?:le)?|adicional(?:es)?|extra)\b`;
/** "no fee", "free", "at no cost": the fee is denied, not claimed. */
export const NO_FEE = W`\b(?:no|without(?: any)?|free of|zero|not charge|never charge|don't charge|do not charge|won't charge|will not charge)\s+(?:\w+\s+){0,2}?(?:fees?|charges?|cost|penalt)|\bfree\b|\bat no (?:extra |additional )?cost\b|\bsin (?:ningun |costo|cargo|comision)|\bgratis\b|\bno (?:hay|cobramos|se cobra)\b`;

/** Asking for a full card or Social Security number (DESIGN.md principle 7). */
export const SENSITIVE_ASK = [
  W`(?:enter|type|send|text|provide|give|share|tell|reply with|confirm|verify|write|input|need|want|what(?: i|')s|what is|please)(?: me| us)?(?: with)? (?:your |the |a |it )?(?:full |complete |entire |whole |long )?(?:credit card|debit card|card|bank card) ?(?:number|details|info|information|#|digits|no\.?)`,
  W`(?:enter|type|send|text|provide|give|share|tell|reply with|confirm|verify|write|input|need|want|what(?: i|')s|what is|please)(?: me| us)?(?: with)? (?:your |the )?(?:full |complete |entire |whole |nine[- ]digit |9[- ]digit )?(?:social security(?: number| no\.?| #)?|ssn|social(?: number)?|cvv|cvc|security code|card pin|pin number|bank account number|routing number)`,
  W`(?:enter|type|send|text|provide|give|share|tell|reply with|confirm|write|input|need|what are)(?: me| us)?(?: with)? (?:the |all |all the |your )?(?:\d{2}|sixteen|fifteen|full|long) (?:digits|numbers) (?:on|of|from) (?:your |the |that )?(?:card|credit card|debit card)`,
  W`(?:ingrese|escriba|envie|envieme|enviame|envienos|mande|mandeme|mandame|proporcione|proporcioneme|de|deme|dame|digame|dime|comparta|confirme|necesito|necesitamos|cual es|pase|paseme|indique|indiquenos)(?: me| nos)? (?:su |el |la |los )?(?:numero (?:completo )?de (?:la |su )?(?:tarjeta|seguro social|cuenta bancaria)|numeros de (?:la |su )?tarjeta|tarjeta completa|cvv|codigo de seguridad|seguro social(?: completo)?)`,
];
/** Asking for the last four digits of an identifier is how identity is verified, and allowed. */
export const LAST_FOUR = W`\b(?:last|ultimos) (?:4|four|cuatro)\b`;

/** The context of an amount: what the words around it say it is. */
export const AMOUNT_CONTEXT = {
  settlement: W`\b(?:settle\w*|settlement|pay only|accept\w*|lump[- ]sum|discount\w*|reduced|payoff offer|in full satisfaction|acuerdo|liquidar|liquidacion|saldar|descuento|rebaja|aceptar\w*|pago unico)\b`,
  instalment: W`(?:\b(?:a|per|each|every|al|por|cada)\s+(?:month|week|fortnight|two weeks|mes|semana|quincena)\b|\/\s?(?:mo|month|wk|week|mes)\b|\b(?:monthly|weekly|biweekly|fortnightly|instal+ments?|instal+ment of|payments? of|cuotas?|mensualidad(?:es)?|pagos? (?:mensuales|semanales|de))\b)`,
  fee: W`\b(?:fees?|surcharge|charges?|penalt(?:y|ies)|cargos?|comision(?:es)?|recargos?|multas?)\b`,
} as const;
