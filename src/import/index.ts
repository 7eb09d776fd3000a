/**
 * The importer: text, PDF (text layer) or DOCX minutes → the interchange format (`Minutes`).
 * `parseMinutesText` is pure and is what the storage importer and the benchmarks call directly.
 */
export { parseMinutesText, type ParseOptions } from './parse-minutes-text.ts';
export { parseMinutesFile, readAndParseMinutesFile, readMinutesText, MAX_FILE_BYTES } from './read-minutes-file.ts';
export { importedStatusOf, type ImportedStatus, type ImportedStatusBasis, type ImportedStatusDecision } from './document-status.ts';
export { EXTRACTION_LIMITS, extractTextInWorker, type ExtractionLimits } from './extract-in-worker.ts';
export { checkZipLimits, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES } from './zip-limits.ts';
