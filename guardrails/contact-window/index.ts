export { evaluateWindow, evaluateWindowWith, evaluateAccountWindow, designatedInconvenience, zoneSourcesOf, NEXT_PERMITTED_HORIZON_DAYS, type WindowRequest, type WindowResult } from './window.js';
export { candidateZones, phoneZones, postalZones, guessPostalCountry, isKnownZone, maskPhone, type CandidateZones, type ZoneSources } from './zones.js';
export type { InconvenientTime } from './intervals.js';
