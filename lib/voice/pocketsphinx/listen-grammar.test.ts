import { describe, expect, it } from "vitest";
import { compileListenGrammar, matchPhrases, phraseWords } from "./listen-grammar";
import { readPronouncingDictionary } from "./pronouncing-dictionary";

const dictionary = readPronouncingDictionary();

describe("a listen's grammar", () => {
  it("finds any expected phrase among filler words, with a dictionary of just the words it uses", () => {
    const grammar = compileListenGrammar(["Book an appointment", "cancel"], dictionary)!;
    expect(grammar.jsgf).toContain("public <utterance> = ( <expected> | <filler> )+;");
    expect(grammar.jsgf).toContain("<expected> = book an appointment | cancel;");
    expect(grammar.dictionary).toMatch(/^appointment AH P OY N T M AH N T$/m);
    expect(grammar.dictionary.split("\n").length).toBeLessThan(400);
    expect(grammar.skippedWords).toEqual([]);
  });

  it("skips words the model cannot pronounce, says which, and drops a phrase left empty", () => {
    const grammar = compileListenGrammar(["Zoomcallify now", "Xqzt"], dictionary)!;
    expect(grammar.skippedWords).toEqual(["zoomcallify", "xqzt"]);
    expect(grammar.phrases).toEqual([{ phrase: "Zoomcallify now", words: ["now"] }]);
    expect(compileListenGrammar(["Xqzt", "!!!", ""], dictionary)).toBeNull();
  });

  it("leaves out fillers that sound like an expected word", () => {
    const grammar = compileListenGrammar(["two"], dictionary)!;
    expect(grammar.jsgf).not.toMatch(/\| to \|/);
    expect(compileListenGrammar(["yes"], dictionary)!.jsgf).toMatch(/\| to \|/);
  });

  it("has a phone-line form in which expected words may be said as the line delivers them", () => {
    const grammar = compileListenGrammar(["speak to someone", "cancel"], dictionary)!;
    expect(grammar.jsgf).toContain("<expected> = speak to someone | cancel;");
    expect(grammar.phoneLineJsgf).toContain("<expected> = ( speak | speak_phoneline ) to ( someone | someone_phoneline ) | cancel;");
    expect(grammar.phoneLineJsgf).toContain("public <utterance> = ( <expected> | <filler> )+;");
    expect(grammar.dictionary).toMatch(/^speak_phoneline F P IY K$/m);
    expect(grammar.dictionary).toMatch(/^someone_phoneline F AH M W AH N$/m);
    expect(grammar.dictionary).not.toMatch(/^cancel_phoneline/m);
  });

  it("shares one compiled decoder between listens expecting the same phrases", () => {
    expect(compileListenGrammar(["yes", "no"], dictionary)!.key).toBe(compileListenGrammar(["yes", "no"], dictionary)!.key);
    expect(compileListenGrammar(["yes", "no"], dictionary)!.key).not.toBe(compileListenGrammar(["yes"], dictionary)!.key);
  });
});

describe("phrases in a transcript", () => {
  it("lists the expected phrases heard, in the order spoken, each once", () => {
    const phrases = ["tuesday", "book an appointment", "cancel"].map((phrase) => ({ phrase, words: phraseWords(phrase) }));
    expect(matchPhrases("i'd like to book an appointment for tuesday or tuesday", phrases)).toEqual(["book an appointment", "tuesday"]);
    expect(matchPhrases("book a nap", phrases)).toEqual([]);
    expect(phraseWords("I’d like, Tuesday at 3!")).toEqual(["i'd", "like", "tuesday", "at"]);
  });
});
