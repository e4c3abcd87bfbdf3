export { RulePackError, type PackProblem } from './errors.js';
export { loadPack } from './validate.js';
export { RULE_PACKS } from './registry.js';
export { ruleSetFor, rulesInForce, rulesOfKind, citationOf, combinedWindow, expandJurisdiction, type RuleSet, type CombinedWindow } from './combine.js';
export { RULE_KINDS, parameterSchemas, type Rule, type RuleOf, type RuleKind, type RulePack, type RuleParameters, type RestrictingFlag } from './schema.js';
