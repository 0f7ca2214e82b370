/**
 * Common spoken English function words a grammar may match around an expected phrase, so that "I'd like to book an
 * appointment for Tuesday" finds "book an appointment": the decoder explains the rest of the sentence with these
 * instead of forcing it onto the expected words. Words a listen expects are taken out of its filler set. Kept short
 * on purpose: measured over Piper lines at 16 and 8 kHz, a list of ~180 common words let fillers ("can't", "hello")
 * take the place of expected words ("cancel"), where these ~50 did not.
 */
export const FILLER_WORDS: readonly string[] = `
a an and are at be but could do for from have i i'd i'm i'll in is it just like me my of on or please so that the
them then there this to today um uh want was we well what would you your
`
  .split(/\s+/)
  .filter(Boolean);
