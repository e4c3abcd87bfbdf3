export { RulePackError, type PackProblem } from './errors.js';
export { loadPack } from './validate.js';
export { RULE_PACKS } from './registry.js';
export { ruleSetFor, rulesInForce, rulesOfKind, citationOf, combinedWindow, expandJurisdiction, type RuleSet, type CombinedWindow } from './combine.js';
export { RULE_KINDS, parameterSchemas, type Rule, type RuleOf, type RuleKind, type RulePack, type RuleParameters, type RestrictingFlag } from './schema.js';
export { smsKeywords, retentionYears, type SmsKeywords } from './policy.js';
export { validationPeriod, federalHolidays, type ValidationPeriod } from './validation-period.js';
