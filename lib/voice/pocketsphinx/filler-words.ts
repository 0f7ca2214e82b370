/**
 * Common spoken English words a grammar may match around an expected phrase, so that "I'd like to book an
 * appointment for Tuesday" finds "book an appointment": the decoder explains the rest of the sentence with these
 * instead of forcing it onto the expected words. Words a listen expects are taken out of its filler set.
 */
export const FILLER_WORDS: readonly string[] = `
a about actually after again all also am an and any anything are around as at be because been before but by call
calling can can't could day did do does don't for from get give go going good got had has have he hello help her
here hey hi his how i i'd i'll i'm i've if in is it it's just know let like look make maybe me mean morning my need
next no not now of oh ok okay on one or our out please really right said say see she should so some something
sorry sure thank thanks that that's the them then there they think this time to today two uh um up us very want
was we week well were what when where which who why will with would yeah yes you you're your
`
  .split(/\s+/)
  .filter(Boolean);
