export { evaluateCaps, evaluateCapsWith, type FrequencyRequest, type FrequencyResult, type AddressType } from './caps.js';
