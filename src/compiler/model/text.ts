/**
 * The characters no Dockerfile line (nor a one-line message) can carry: the C0 controls (tab,
 * LF and CR among them), DEL, the C1 controls (NEL among them) and U+2028/U+2029, which some
 * readers take for line breaks. One class for every check, so that the key check, the JSON
 * Schema generated from it and the Dockerfile quoting refuse the same text.
 */
export const LINE_UNSAFE_CLASS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029';

/** Finds one such character. */
export const LINE_UNSAFE = new RegExp(`[${LINE_UNSAFE_CLASS}]`);
