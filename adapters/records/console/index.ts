// The compliance console's repositories over the records database (users, sessions, search,
// transcripts, oversight, QA reviews, legal holds, hand-offs, retention, evidence exports).
export { CONSOLE_ROLES, can, capabilitiesOf, isConsoleRole, type ConsoleRole, type Capability } from './roles.js';
export { createConsoleUsers, tokenUserId, ConsoleUserError, type ConsoleUser, type ConsoleUsers, type Authentication } from './users.js';
export { createConsoleSessions, type ConsoleSession, type ConsoleSessions } from './sessions.js';
export { searchFiltersSchema, filterProblems, resolveRuleFilter, textQuery, type SearchFilters, type SearchFiltersInput } from './filters.js';
export { searchConversations, searchDecisions, getConversationSummary, type ConversationSummary, type DecisionHit, type Page, type PageRequest, type SearchOptions } from './search.js';
export { CursorError } from './sql-builder.js';
export { loadConversation, transcriptView, transcriptEntry, consumerZone, localTime, type ConversationRecords, type TranscriptView, type TranscriptEntry, type DecisionView } from './transcript.js';
export { maskPayload, maskName, maskText } from './mask.js';
export { recordConsoleAccess, CONSOLE_CHAIN, type ConsoleAccess, type ConsoleAction, type ConsoleActor } from './access.js';
export { dashboard, type Dashboard, type DashboardRange } from './dashboard.js';
export { createReviews, riskReasons, seededRandom, RISK_WEIGHTS, ReviewError, type Review, type Reviews, type ReviewOutcome, type SampleRequest } from './reviews.js';
export { createLegalHolds, heldAccountIds, LegalHoldError, type LegalHold, type LegalHolds } from './holds.js';
export { createPostgresHandoffQueue, HandoffStateError, type WorkableHandoffQueue, type QueuedHandoff } from './handoffs.js';
export { planRetention, applyRetention, RetentionKeyMissingError, type RetentionPlan, type RetentionResult, type RetentionCandidate, type RetentionChain } from './retention.js';
export * from './export/index.js';
