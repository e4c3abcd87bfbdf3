import type { PatternPack } from './pack.js';

// Spanish phrases, written without accents (the message is normalized the same way). Both packs run
// on every message: consumers mix languages ("stop, no me escriban mas").
export const es: PatternPack = {
  language: 'es',
  macros: {
    N: '[0-9]+',
    AMOUNT: '[$£€]?[0-9][0-9.,]*k?(?: (?:dolares|dolar|pesos|usd|libras))?',
    // Verbs of contact in the forms a consumer uses to address the collector (ustedes, usted, tu).
    CONTACTAR: 'contact[a-z]*|molest[a-z]*|busqu[a-z]*|busc[a-z]*|acos[a-z]*|hostig[a-z]*|fastidi[a-z]*|comunic[a-z]*',
    MEDIO: 'llam[a-z]*|escrib[a-z]*|mand[a-z]* mensajes?|envi[a-z]* mensajes?|mand[a-z]* (?:correos?|emails?|textos?|sms)|envi[a-z]* (?:correos?|emails?|textos?|sms)|textee?[a-z]*|mensaje[a-z]*',
    MEDIO_NOMBRE: 'mensajes?|textos?|sms|correos?|emails?|llamadas?|mensajitos|whatsapps?|notificaciones|recordatorios',
    DIA: 'lunes|martes|miercoles|jueves|viernes|sabados?|domingos?|fines? de semana|entre semana',
    HORA: '{N}(?::{N})? ?(?:am|pm)?|{N}(?:am|pm)|mediodia|medianoche|las {N}(?::{N})?(?: de la (?:manana|tarde|noche))?|la una',
    CUANDO: 'antes de (?:las |la )?(?:{HORA})|despues de (?:las |la )?(?:{HORA})|antes del mediodia|despues del mediodia|despues de las {N}|hasta (?:las |despues de )?(?:{HORA})|durante (?:el dia|la noche|el trabajo|mi turno|mi trabajo|la semana|horas de trabajo)|entre (?:las )?{N}|en la (?:manana|tarde|noche)|por la (?:manana|tarde|noche)|de noche|en la madrugada|tan (?:temprano|tarde)|(?:en|a|al) (?:el |mi )?trabajo|en la oficina|(?:los|el|en) (?:{DIA})|mientras (?:estoy|trabajo)',
    ABOGADO: 'abogad[oa]s?|licenciad[oa]|representante legal|asesor legal|bufete|despacho de abogados',
    PERSONA: 'persona|humano|ser humano|agente|representante|alguien|operador[a]?|supervisor[a]?|gerente|encargad[oa]|asesor[a]?|empleado',
    FAMILIA: 'mama|madre|papa|padre|esposo|esposa|marido|mujer|hijo|hija|hermano|hermana|abuela|abuelo|tia|tio|pareja|novio|novia|suegra|suegro',
  },
  keywords: [
    'disputar', 'disputo', 'disputa', 'impugnar', 'equivocado', 'equivocada', 'incorrecto', 'incorrecta', 'identidad', 'fraude', 'reconozco', 'nunca',
    'prueba', 'pruebas', 'comprobante', 'documentos', 'documentacion', 'contrato', 'acreedor', 'original', 'validacion', 'verificacion', 'estafa',
    'contacten', 'contactarme', 'molesten', 'molestarme', 'llamen', 'llamarme', 'escriban', 'escribirme', 'mensajes', 'llamadas', 'correos', 'comunicacion',
    'abogado', 'abogada', 'bancarrota', 'quiebra', 'capitulo', 'manana', 'noche', 'trabajo', 'turno', 'despues', 'semana',
    'numero', 'persona', 'conozco', 'fallecio', 'murio', 'fallecido', 'fallecida', 'difunto',
    'matarme', 'suicidarme', 'suicidio', 'morirme', 'vivir', 'quitarme',
    'queja', 'quejarme', 'denunciar', 'reportar', 'acoso', 'acosando', 'hablar', 'humano', 'representante', 'agente', 'alguien',
    'militar', 'ejercito', 'desplegado', 'reservista', 'veterano',
    'desempleado', 'desempleada', 'trabajo', 'enfermo', 'enferma', 'hospital', 'dinero', 'alcanza', 'divorcio',
    'pagar', 'quiero', 'cuotas', 'plazos', 'mensual', 'mensuales', 'descuento', 'acuerdo', 'saldo', 'cuanto', 'viernes', 'sabado', 'domingo',
    'lunes', 'martes', 'miercoles', 'jueves', 'derechos', 'embargo', 'credito', 'espanol', 'ingles', 'buenos', 'buenas', 'gracias', 'favor',
  ],
  rules: [
    {
      intent: 'dispute',
      phrases: [
        'disput[a-z]*', 'impugn[a-z]*', 'contest[a-z]* (?:la|esta|esa) (?:deuda|cuenta|cantidad)',
        'no (?:es|son|era|eran|fue) (?:mia|mio|mias|mios|mi deuda|mi cuenta|mi tarjeta|mi prestamo|de mi|mi responsabilidad)', '(?:esta|esa|la) (?:deuda|cuenta|tarjeta) no es mia',
        'no (?:lo |la |los |las |le |les |te )?(?:debo|debemos|debia)(?: nada| eso| esto| esa| ese| ni un| dinero| a nadie)?', 'no tengo (?:ninguna )?deuda(?! de)', 'no (?:le |les )?debo nada',
        'ya (?:lo |la |los |les |le )?(?:pague|pagamos|pago|liquide|salde|cancele|abone)', '(?:ya )?(?:esta|estaba|fue|quedo) (?:pagad[oa]|liquidad[oa]|saldad[oa]|cancelad[oa])', 'lo pague (?:hace|el ano|el mes|en)',
        '(?:cantidad|monto|saldo|cobro|balance|total|cargos?|intereses|cuenta|suma|cifra) <5>(?:incorrect[oa]s?|equivocad[oa]s?|erroneo|erronea|mal|exagerad[oa]|inflad[oa]|no es correct[oa]|muy alt[oa]|demasiado alt[oa]|no cuadra)',
        '(?:cobrando|cobraron|cobran|cobro|cobrado) (?:de mas|demasiado|doble|dos veces|de sobra)', 'cargos? (?:que no|indebid[oa]s?|extra)',
        'robo de identidad', '(?:robaron|usaron|uso|utilizaron) (?:mi )?(?:identidad|nombre|tarjeta|datos|informacion)', 'a mi nombre', 'sin mi (?:permiso|autorizacion|consentimiento|conocimiento)', 'fraud[a-z]*', 'suplantacion',
        'nunca (?:tuve|abri|firme|compre|pedi|use|solicite|saque|autorice|he tenido|hice)', 'no (?:reconozco|tengo ninguna cuenta|abri|firme|compre|autorice|pedi|solicite)',
        'no estoy de acuerdo', '(?:es|esto es|eso es|hay) un (?:error|equivoco)', 'esta mal', 'no es (?:correcto|cierto|verdad|real|valid[oa])', 'no me corresponde',
        'no soy (?:responsable|el deudor|la deudora)', 'no me pertenece', 'es de mi ex', 'deuda (?:muy vieja|prescrita|vencida hace)', 'prescri[a-z]*',
      ],
      unless: [
        'no (?:quiero|voy a|vamos a|estoy|pienso|necesito|busco) <2>(?:disput[a-z]*|impugn[a-z]*)', 'no (?:disputo|impugno|estoy disputando)', 'sin disputar',
        'cuanto tiempo <4>disput[a-z]*', 'plazo (?:para|de) disput[a-z]*',
        '(?:cuando|una vez que|despues de que|hasta que|si) <3>(?:este|quede|sea) (?:pagad[oa]|liquidad[oa])', 'no debo (?:tanto|mucho)',
      ],
    },
    {
      intent: 'validation_request',
      phrases: [
        'prueba[a-z]*', 'pruebe', 'demuestre[a-z]*', 'comprob[a-z]*', 'documento[a-z]*', 'documentacion', 'papeles', 'papeleo', 'contrato', 'estado de cuenta', 'desglose', 'factura', 'detalle de la deuda',
        '(?:acreedor|creditor|prestamista|banco|compania|empresa) original', '(?:quien|cual) es (?:el )?(?:acreedor|la compania|la empresa|el banco)', 'a quien le debo',
        'validacion', 'validar', 'verificacion', 'verificar (?:la deuda|esta deuda|el monto|el saldo|esto|eso)', 'aviso de validacion',
        '(?:es|sera|esto es|parece) (?:una )?(?:estafa|fraude|real|legitim[oa]|verdad|de verdad)', 'estafa[a-z]*', 'legitim[oa]',
        'por escrito', 'carta', '(?:de donde|de que) (?:es|viene|sale) (?:esta|esa|la) deuda', '(?:que|cual) (?:cuenta|compania|tarjeta|deuda|prestamo) es (?:esta|esa)',
        '(?:mandeme|envieme|mandame|enviame|muestreme|muestrame|mandenme|envienme|quiero ver|necesito ver|quiero|necesito) <3>(?:prueba|documento|comprobante|carta|copia|aviso|contrato|estado de cuenta|papeles)',
        'como se (?:que|yo que) (?:esto|esta deuda|es|ustedes)',
      ],
      unless: ['verificar (?:mi|su) identidad', 'no es (?:una )?estafa', 'comprobante de (?:pago|ingresos)'],
    },
    {
      intent: 'cease_communication',
      phrases: [
        'no (?:me |nos )?(?:vuelvan a |vuelva a |vuelvas a )?(?:contacten|contacte|contactes|contactar|molesten|moleste|molestes|molestar|busquen|busque|busques|acosen|acose|hostiguen|fastidien|escriban|escriba|escribas)',
        '(?:dejen|deje|deja|paren|pare|para|basta|dejan) (?:ya )?de (?:{CONTACTAR}|escribir[a-z]*)', '(?:dejenme|dejame|dejeme|dejennos) (?:en paz|tranquil[oa]|de molestar)',
        'no (?:quiero|deseo) (?:que me (?:contacten|molesten|busquen|escriban|sigan)|(?:mas |ningun |ningun tipo de )?(?:contacto|comunicacion)|saber nada)',
        '(?:no|ninguna|ningun) (?:mas )?(?:comunicacion|contacto)', 'no (?:me )?(?:comuniquen|contacten) mas', 'cese (?:y desista|de (?:toda )?comunicacion|el contacto)',
        'me niego a pagar', 'no (?:voy a|pienso|vamos a) pagar(?:les|le)?(?: nada| eso| esto| esa deuda| nunca| ni un)?(?! (?:el|la|hasta|todo de una|ahora|hoy|manana))', 'nunca (?:voy a )?pagar[a-z]*',
        'borren mi (?:numero|informacion|contacto)', '(?:sacarme|sacame|saquenme|quitenme|quitame) de (?:su|la) lista',
      ],
      unless: [
        '(?:{CONTACTAR}|{MEDIO}|contacten|contacte|molesten|escriban|escriba|busquen)(?: me)? <2>(?:{CUANDO})',
        'no (?:me )?(?:contacten|molesten|busquen|escriban) (?:a mi|al) (?:trabajo|jefe|familia)', 'no (?:voy a|pienso) pagar (?:todo|el total|la cantidad completa) (?:de una vez|ahora)',
      ],
    },
    {
      intent: 'channel_opt_out',
      whole: ['alto', 'parar', 'para', 'pare', 'detener', 'detente', 'cancelar', 'baja', 'darme de baja', 'no mas', 'no mas mensajes', 'ya no', 'basta', 'stop'],
      phrases: [
        'no (?:me |nos )?(?:vuelvan a |vuelva a )?(?:llamen|llame|llames|textees|mensajees)', 'no (?:me |nos )?(?:manden|envien|mande|envie|mandes|envies) (?:mas )?(?:{MEDIO_NOMBRE})',
        'no (?:me |nos )?(?:escriban|escriba) (?:por|al|a mi) (?:correo|mensaje|texto|telefono|celular|email|whatsapp)',
        '(?:dejen|deje|deja|paren|pare|para|basta) (?:ya )?de (?:llamar[a-z]*|mandar[a-z]*|enviar[a-z]*|textear[a-z]*|mensajear[a-z]*)',
        '(?:no|ya no|ningun|ninguna) (?:quiero |deseo )?(?:recibir )?(?:mas )?(?:{MEDIO_NOMBRE})', 'no mas (?:{MEDIO_NOMBRE})',
        '(?:darme|dar|dame|deme|denme|me doy|quiero darme) de baja', '(?:quitenme|quitame|quiteme|borren|borrar|eliminen|eliminar|saquen) (?:de la lista|mi numero|mi correo|mi telefono)',
        'retiro (?:mi )?(?:consentimiento|permiso)', 'revoco (?:mi )?(?:consentimiento|permiso)', 'cancelar (?:los |las )?(?:mensajes|notificaciones|suscripcion)',
      ],
      unless: ['(?:llamen|llame|escriban|escriba|manden|envien|{MEDIO})(?: me)? <2>(?:{CUANDO})', 'no (?:recibi|he recibido|me llego|llego) (?:el |la |ningun |ninguna )?(?:{MEDIO_NOMBRE})'],
    },
    {
      intent: 'attorney',
      phrases: [
        '(?:tengo|tenemos|contrate|contratamos|contratado|consulte|hable con|estoy con|ya tengo) (?:un |una |a mi |mi )?(?:{ABOGADO})', 'mi (?:{ABOGADO})',
        '(?:hablen|hable|comuniquense|comuniquese|contacten|contacte|llamen|llame|escriban) (?:con|a) mi (?:{ABOGADO})', 'represent[a-z]* (?:por|legalmente)', 'me representa',
        '(?:voy a|vamos a) (?:contratar|buscar|conseguir|llamar a|hablar con|consultar) (?:un |una |a mi )?(?:{ABOGADO})',
      ],
      unless: ['no (?:tengo|necesito|quiero|puedo pagar) (?:un |una |ningun )?(?:{ABOGADO})', '(?:necesito|necesitare|debo conseguir) (?:un |una )?(?:abogad[oa]) ?[?]', 'mi (?:amig[oa]|vecin[oa]|prim[oa]) (?:es )?(?:{ABOGADO})'],
    },
    {
      intent: 'bankruptcy',
      phrases: ['bancarrota', 'quiebra', 'capitulo (?:7|11|13|siete|trece|once)', 'me declare en', 'insolvencia', 'concurso de acreedores', 'sindico'],
      unless: ['no (?:estoy|me declare|he declarado|me he declarado|quiero declararme|voy a declararme) (?:en )?(?:bancarrota|quiebra)', 'sin (?:bancarrota|quiebra)'],
    },
    {
      intent: 'inconvenient_time',
      phrases: [
        'no (?:me )?(?:{CONTACTAR}|{MEDIO}|contacten|contacte|molesten|escriban|escriba|busquen|llamen|llame|manden|envien) <3>(?:{CUANDO})',
        '(?:llamenme|escribanme|contactenme|textenme|marquenme|llameme|escribame|mandenme mensajes|busquenme) (?:solo |solamente |nada mas )?(?:{CUANDO})', 'solo (?:despues|antes) de', '(?:las mananas|las noches|las tardes|los fines de semana|los {DIA}) (?:son|es|no son|no es) (?:malas?|buenas?|dificiles|imposibles|complicad[oa]s)',
        'solo (?:me )?(?:puede[n]? |puedes )?(?:{CONTACTAR}|{MEDIO}|contactar|llamar|escribir|mandar)[a-z]*', 'solo (?:los |el |en |por la |despues de |antes de )?(?:{DIA}|manana|tarde|noche|fines de semana)',
        'trabajo (?:de noche|en la noche|en las noches|de madrugada|noches|turno|hasta las|de {N}|en el turno)', '(?:mi )?turno', '(?:durante|en) (?:el|mi) (?:trabajo|turno|horario)',
        '(?:mi )?(?:jefe|empleador|patron|trabajo|empresa) no (?:me )?(?:permite|deja|permiten|dejan)', 'no (?:puedo|me dejan) (?:usar|contestar|ver) (?:el )?(?:telefono|celular|mensajes) (?:en|durante) el trabajo',
        '(?:mejor|buena) hora (?:para (?:llamarme|contactarme|escribirme) )?es', '(?:duermo|estoy durmiendo) (?:de dia|en el dia|durante el dia|hasta)',
        '(?:{CONTACTAR}|{MEDIO}|llamen|escriban)(?: me)? (?:despues|antes) de (?:las |la )?(?:{HORA})',
      ],
    },
    {
      intent: 'inconvenient_place',
      phrases: [
        'no (?:me )?(?:{CONTACTAR}|{MEDIO}|contacten|molesten|escriban|llamen|llame|busquen) <3>(?:en|a|al) (?:el |mi )?(?:trabajo|oficina|empleo|casa)',
        '(?:mi )?(?:jefe|empleador|patron|trabajo|empresa) no (?:me )?(?:permite|deja|permiten|dejan)', 'no (?:puedo|me dejan) (?:usar|contestar|ver) (?:el )?(?:telefono|celular|mensajes) (?:en|durante) el trabajo',
      ],
    },
    {
      intent: 'wrong_person',
      whole: ['numero equivocado', 'quien es', 'quien habla', 'no soy yo', 'equivocado', 'equivocada'],
      phrases: [
        'numero equivocado', '(?:persona|numero|telefono) (?:equivocad[oa]|incorrect[oa]|errone[oa])', '(?:se|te|le) (?:equivoc[a-z]*) de (?:numero|persona)', 'tienen el numero equivocado',
        'no (?:conozco|se quien es|conocemos) (?:a )?(?:nadie|esa persona|ese senor|esa senora|a esa|a ese|esa|ese|la persona|quien)', 'no (?:soy|es) (?:yo|esa persona|el|ella|quien buscan|la persona)',
        '(?:ya )?no es (?:su|el) (?:numero|telefono|celular|correo)', '(?:numero|telefono|celular) no es (?:de|del|suyo|de ella|de el)', 'no es de (?:esa persona|ese senor|esa senora|el|ella)', 'este (?:no es su numero|numero ya no es)', '(?:aqui|aca) no (?:vive|trabaja|hay nadie)', 'numero nuevo', 'acabo de (?:obtener|sacar) este numero',
      ],
    },
    {
      intent: 'deceased',
      phrases: [
        'falleci[a-z]*', 'murio', 'murieron', 'muri[a-z]* (?:el|la|mi|hace)', 'difunt[oa]', 'ya no esta con nosotros', 'paso a mejor vida', 'en paz descanse', 'qepd', 'esta muert[oa]', 'muerte de',
        'funeral', 'velorio', 'herencia', 'sucesion', 'albacea', 'viud[oa]', 'perdi a mi (?:{FAMILIA})',
      ],
      unless: ['(?:telefono|bateria|celular|carro|coche|computadora) <2>(?:murio|muerto|muerta)', 'muert[oa] de (?:cansancio|risa|hambre|sueno)'],
    },
    {
      intent: 'crisis',
      phrases: [
        'suicid[a-z]*', 'matarme', 'me voy a matar', 'me quiero matar', 'quitarme la vida', 'quitar(?:me)? la vida', 'acabar con mi vida', 'terminar con mi vida',
        'no (?:quiero|deseo) (?:seguir )?(?:vivir|viviendo|estar aqui|despertar|existir)', 'ya no quiero vivir', 'quiero morir(?:me)?', 'me quiero morir', 'quisiera (?:morir(?:me)?|estar muert[oa]|desaparecer)',
        '(?:mejor|estaria mejor|estarian mejor) (?:muert[oa]|sin mi)', 'no vale la pena (?:vivir|seguir)', 'sin (?:razon|sentido|motivo) para vivir', 'no tengo (?:razon|razones|motivos?|ganas) (?:para|de) vivir',
        '(?:hacerme|hacer me) dano', 'lastimarme', 'cortarme', 'terminar con todo', 'acabar con todo', 'desaparecer para siempre', 'no aguanto mas', 'odio (?:mi vida|vivir|estar viv[oa])', 'ojala (?:estuviera muert[oa]|me muriera|no despertara|no existiera)', 'no quiero existir', 'no quiero seguir(?! (?:pagando|con|hablando|recibiendo|esperando|asi con))', 'quiero que (?:todo )?(?:se acabe|termine)', 'ya no (?:puedo|aguanto) mas', 'no puedo (?:mas|seguir)',
        'no le veo (?:sentido|caso) a (?:la vida|vivir|nada|seguir)', 'tirarme (?:de|del|al|por)', 'pastillas para (?:no despertar|morir)', 'sobredosis', 'pensando en (?:matarme|morir|quitarme|suicid)',
      ],
      unless: ['no (?:estoy pensando en )?(?:suicidarme|matarme)', 'muerto de (?:risa|cansancio)'],
    },
    {
      intent: 'complaint',
      phrases: [
        'queja[a-z]*', 'quejarme', 'quejar[a-z]*', 'reclamo', 'reclamacion', 'denunci[a-z]*', 'reportar(?:los|lo|las|la|te|le|les)?', 'los voy a reportar',
        'acos[a-z]*', 'hostig[a-z]*', 'ilegal', 'abus[a-z]*', 'grosero', 'groseria', 'falta de respeto', 'irrespetuos[oa]', 'amenaz[a-z]*', 'intimid[a-z]*',
        'cfpb', 'fiscal general', 'procurador[a-z]*', 'profeco', 'proteccion al consumidor', 'demandar(?:los|lo|les|te)?', 'los voy a demandar', 'viola[a-z]* (?:la ley|mis derechos)',
      ],
      unless: ['no (?:es una queja|me quejo|quiero quejarme)'],
    },
    {
      intent: 'human_agent',
      whole: ['(?:un |una )?(?:agente|representante|persona|humano|operador[a]?|asesor[a]?|alguien)(?: por favor)?'],
      phrases: [
        '(?:hablar|hable|comunicarme|platicar|conversar|chatear) (?:con )?(?:una |un |alguna |algun |el |la )?(?:{PERSONA})', '(?:{PERSONA}) (?:real|de verdad|en vivo)',
        '(?:quiero|necesito|pasame|paseme|comuniqueme|comunicame|transfieranme|transfierame) (?:con )?(?:una |un |a una |a un )?(?:{PERSONA})', '(?:eres|es|son) (?:un |una )?(?:robot|bot|maquina|contestadora)',
        'no (?:un |una |con un |con una )?(?:robot|bot|maquina)', '(?:que )?(?:alguien|una persona) me llame', 'llamenme', 'supervisor[a]?', 'gerente', 'servicio al cliente',
      ],
      unless: ['no (?:quiero|necesito) (?:hablar con )?(?:una |un )?(?:persona|agente|humano)'],
    },
    {
      intent: 'military',
      phrases: ['militar[a-z]*', 'servicio activo', 'ejercito', 'marina', 'fuerza aerea', 'guardia nacional', 'desplegad[oa]', 'despliegue', 'reservista', 'infanteria de marina', 'veteran[oa]', 'scra', 'soldad[oa]', 'en el servicio', 'base militar', 'ordenes militares'],
      unless: ['no (?:soy|estoy en el|estoy en la) (?:militar|ejercito|marina|servicio)'],
    },
    {
      intent: 'hardship',
      phrases: [
        '(?:perdi|perdimos|me quede sin|estoy sin|no tengo|me quitaron|quede sin) (?:el |mi |un )?(?:trabajo|empleo|chamba|ingresos|casa|sueldo|chamba)', '(?:perdi|perdimos) (?:el |mi )?(?:trabajo|empleo)',
        'desemplead[oa]', 'sin (?:trabajo|empleo|ingresos|chamba)', 'me (?:despidieron|corrieron|echaron|liquidaron)', 'despedid[oa]', 'desempleo',
        '(?:gastos|cuentas|facturas|deudas|cuentas) (?:medic[a-z]*|del hospital|de hospital)', 'enferm[a-z]*', 'hospital[a-z]*', 'cancer', 'discapacidad', 'incapacidad', 'cirugia', 'operacion', 'tratamiento', 'accidente', 'depresion', 'ansiedad',
        'no (?:me )?alcanza', 'no tengo (?:dinero|plata|lana|ni un peso|ni un centavo|para pagar|con que pagar|como pagar|trabajo|ingresos)', 'sin dinero', 'no tengo (?:ni )?para (?:comer|la renta|el alquiler|la comida)',
        '(?:no puedo|no podemos|no puedo ahorita) pagar(?:le|les)? (?:ahora|ahorita|por ahora|en este momento|nada|este mes|por el momento|todavia)', 'no puedo pagar(?:le|les)?(?: [.,?])',
        '(?:situacion|momento|epoca|tiempos?) (?:muy |bastante )?(?:dificil|dificiles|complicad[oa]s?|economica dificil|duros?)', 'dificultades (?:economicas|financieras)', 'problemas (?:economicos|financieros|de dinero|de salud)',
        'divorci[a-z]*', 'separacion', 'me separe', 'viud[oa]', 'madre soltera', 'padre soltero',
        'me (?:redujeron|bajaron|recortaron|quitaron) (?:las horas|el sueldo|el salario|horas|los turnos)', '(?:apenas|a duras penas) (?:me alcanza|sobrevivo|puedo|tengo|salgo)',
        'atrasad[oa] (?:con|en) (?:la renta|el alquiler|la hipoteca|los pagos|las cuentas)', 'ingreso fijo', '(?:vivo|vivimos) (?:del?|de la) (?:seguro social|discapacidad|pension|ayuda)', 'desalojo', 'desahucio', 'sin casa',
        'crisis (?:economica|financiera)', 'emergencia (?:familiar|medica)', 'estoy (?:quebrad[oa]|en la ruina|pelad[oa])',
      ],
      unless: ['no (?:estoy )?enferm[a-z]*', 'operacion (?:de pago|bancaria)'],
    },
    {
      intent: 'pay_in_full',
      phrases: [
        '(?:pagar|pago|liquidar|saldar|cancelar|pagarles|pagarle) (?:todo|el total|la totalidad|completo|toda la deuda|el saldo|la deuda completa|de una vez|la deuda|el monto total|lo que debo)',
        '(?:quiero|como|donde|puedo|necesito|voy a) (?:puedo )?(?:pagar|hacer un pago|realizar un pago|hacer el pago)(?! (?:en|a) (?:plazos|cuotas|partes)| (?:el|la) (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|proxima|semana|quincena)| manana| poco| mensual| cada| por mes| al mes)',
        '(?:enlace|link|liga|pagina) (?:para|de) pag[a-z]*', 'pago total', 'pagar (?:ahora|hoy|ya)', 'pago completo', 'de contado',
      ],
      unless: ['no (?:puedo|podemos|voy a) pagar (?:todo|el total|la totalidad|completo)', 'ya (?:lo )?pague'],
    },
    {
      intent: 'payment_plan',
      phrases: [
        'plan(?:es)? de pagos?', 'plan(?: [?])', 'un plan', '(?:a |en )?(?:plazos|cuotas|mensualidades|abonos|parcialidades)', 'pagos? (?:mensuales|semanales|quincenales|pequenos|parciales|chiquitos|bajos)',
        '{AMOUNT} (?:al|por|cada|a la) (?:mes|semana|quincena)', '(?:cada|por) (?:mes|semana|quincena|dos semanas)', '(?:poco a poco|de a poco|de poquito en poquito)', '(?:un )?(?:arreglo|acuerdo|convenio) de pagos?',
        '(?:pagar|pago|pagarlo) (?:en|a|por) (?:partes|plazos|cuotas)', 'no puedo pagar (?:todo|el total) de una (?:vez|sola vez)', 'dividir (?:el pago|la deuda|el saldo)',
      ],
      unless: ['no (?:quiero|necesito) (?:un )?plan'],
    },
    {
      intent: 'settlement',
      phrases: [
        '(?:llegar a|hacer|hacemos|podemos hacer|ofrecer[a-z]*|quiero) (?:un )?(?:acuerdo|arreglo|trato|convenio)(?! de pago)', 'negoci[a-z]*', 'descuento', 'rebaja', 'liquidacion', 'quita',
        '(?:aceptan|aceptarian|acepta|aceptaria|toman|tomarian|tomaria|reciben|recibirian) (?:menos|la mitad|una parte|{AMOUNT}|el {N}%)', '(?:pagar|pago) menos', 'menos de lo que debo',
        'lo (?:mas bajo|minimo) que (?:aceptan|aceptarian|aceptaria|puedan|pueden)', '(?:la )?mitad(?! del mes)', 'reducir (?:la deuda|el saldo|el monto|el total)', 'oferta', 'perdon[a-z]* (?:parte|algo|la deuda)',
      ],
      unless: ['acuerdo de pagos?', 'de acuerdo', 'negoci[a-z]* (?:un|el) plan'],
    },
    {
      intent: 'balance',
      phrases: [
        'cuanto (?:es lo que )?(?:debo|le debo|les debo|te debo|debemos|es|tengo que pagar|seria|queda|falta|me falta|adeudo|sale)', 'cuanto (?:dinero )?(?:debo|es la deuda)',
        '(?:cual es|me dice|me puede decir|me dices|saber|ver|consultar|quiero saber|decirme) (?:cual es )?(?:mi |el |la )?(?:saldo|balance|total|deuda|monto|adeudo)',
        '(?:de que|por que|para que|que) es (?:esta|esa|la) deuda', 'que deuda(?: es)?(?: [?])', '(?:mi )?saldo(?: [?])', 'monto (?:total|pendiente|adeudado)',
      ],
      unless: ['saldo (?:es|esta) (?:mal|muy alto|incorrecto|equivocado)'],
    },
    {
      intent: 'promise_to_pay',
      phrases: [
        '(?:le |les |te )?(?:pago|pagare|voy a pagar|puedo pagar|podre pagar|podria pagar|mando|mandare|envio|enviare|voy a mandar|voy a enviar|deposito|depositare|hago el pago|hare el pago|voy a hacer el pago) <4>(?:el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|{N}|proximo|dia|primero|quince|fin)|manana|hoy|la (?:proxima|otra) semana|el mes que viene|el proximo mes|(?:a )?fin de mes|cuando me paguen|en (?:{N}|unos|dos|tres|una) (?:dias?|semanas?)|quincena|esta semana|este (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo))',
        'cuando me paguen', '(?:manana|hoy|el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|{N})|la proxima semana|el mes que viene|el proximo mes|esta semana|este (?:lunes|martes|miercoles|jueves|viernes)) (?:le |les |te )?(?:pago|deposito|mando|envio|pagare|transfiero|depositare|mandare|enviare|hago el pago)', '(?:le |les |te )?(?:pago|pagare|mando|envio) {AMOUNT}(?! (?:al|por|cada) (?:mes|semana))', 'prometo pagar',
      ],
      unless: ['{AMOUNT} (?:al|por|cada|a la) (?:mes|semana|quincena)', 'no (?:puedo|podre|voy a) pagar'],
    },
    {
      intent: 'faq',
      phrases: [
        '(?:mis|cuales son mis|que) derechos', 'derechos(?: [?])', 'embarg[a-z]*', '(?:credito|historial crediticio|buro|puntaje|reporte de credito)',
        '(?:cuanto tiempo|plazo) <3>(?:disputar|para|tengo)', 'horario', '(?:a que hora|cuando) (?:abren|cierran|estan abiertos|atienden)', 'que pasa si',
        '(?:me pueden|pueden|van a) (?:demandar(?:me)?|embargar(?:me)?|arrestar(?:me)?|meter(?:me)? a la carcel|quitar(?:me)?)', 'carcel', 'quienes son', 'que es esto', 'direccion (?:postal|para enviar)', 'como funciona',
        'que opciones', '(?:tiene|hay) (?:intereses|cargos|comisiones)', 'ayuda(?: [?])', 'pregunta',
      ],
    },
    {
      intent: 'language_change',
      phrases: ['espanol', 'castellano', 'en ingles', '(?:prefiero|quiero|mejor|hablemos|hablame|hableme|escribame|escribeme) (?:en )?(?:el )?ingles', 'ingles(?: [.,?]| por favor)', '(?:habla|hablan|hablas|puede hablar|pueden hablar) ingles', 'no (?:hablo|entiendo|leo) (?:bien |mucho )?(?:el )?ingles', 'no (?:hablo|entiendo|leo) (?:bien |mucho )?(?:el )?espanol'],
    },
    {
      intent: 'greeting',
      phrases: ['hola', 'buenos dias', 'buenas tardes', 'buenas noches', 'buenas', 'que tal', 'saludos', 'buen dia', 'que onda', 'como esta', 'como estas'],
    },
  ],
};
