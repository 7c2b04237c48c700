/** Personal-data detectors for rules (the same ones `--redact` uses to mask output). */
export { findPersonalData, isValidNhsNumber, type PersonalDataKind, type PersonalDataMatch } from '../privacy/personal-data.js';
