/**
 * The languages offered for the cloud recognisers, as BCP 47 tags. Both understand many more; these are the ones the
 * editor lists (a flow may name another well-formed tag, which is passed on as its language part, e.g. "sv").
 */
export const CLOUD_SPEECH_LANGUAGES = [
  "en-US",
  "en-GB",
  "en-AU",
  "es-ES",
  "fr-FR",
  "de-DE",
  "it-IT",
  "pt-BR",
  "nl-NL",
  "hi-IN",
  "ja-JP",
] as const;
