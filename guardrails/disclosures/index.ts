export { compose, separatorFor, type ComposeInput, type Composition } from './compose.js';
export { disclosureText, disclosureTitle, DISCLOSURE_TEXT_IDS } from './texts.js';
export { measureSms, smsEncodingOf, smsUnits, smsCapacity, SEGMENT_LIMITS, type SmsEncoding, type SmsMeasure } from './sms-length.js';
