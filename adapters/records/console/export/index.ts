export { writeEvidenceExport, type ExportRequest } from './writer.js';
export { verifyEvidenceExport, type ExportVerification } from './verify.js';
export { EXPORT_FORMATS, FILE_NAMES, EVIDENCE_FORMAT, type ExportFormat, type EvidenceManifest, type ExportedEvent } from './manifest.js';
