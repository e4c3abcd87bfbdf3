// The public surface of knowledge/: what Parley may say (speech acts rendered from approved
// templates), what it may answer (approved articles and their retrieval), and the model prompts.

export { speechActs, type SpeechActId, type SlotsOf } from './speech-acts/catalogue.js';
export { describeSpeechAct, isSpeechActId, speechActIds, UnknownSpeechActError, type SlotInfo, type SpeechActInfo } from './speech-acts/describe.js';
export { vocabularies, type HoursSlot, type MoneySlot, type SlotKind, type VocabularyName } from './speech-acts/slots.js';

export { compileTemplates, TemplateValidationError, type LanguageTemplates, type TemplateSet, type TemplateVariant } from './templates/compile.js';
export { createRenderer, SlotError, type Rendered, type RenderOptions, type Renderer } from './templates/render.js';
export { approvedTemplates, formatHoursSlot, render, renderAct } from './templates/load.js';
export { formatDate, formatTime } from './templates/format.js';

export { ArticleError, parseArticle, checkArticleSet, type Article } from './articles/article.js';
export { ArticleIndex, DEFAULT_THRESHOLDS, type ArticleMatch, type SearchThresholds } from './articles/search.js';
export { articleAnswerSlots, getArticle, listArticles, rankArticles, searchArticles, type ArticleContact } from './articles/load.js';

export { parsePrompt, phrasingPrompt, understandingPrompt, type Prompt } from './prompts/index.js';
