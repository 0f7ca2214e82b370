import { describe, expect, it } from "vitest";
import { fromPhoneLineWords, phoneLinePronunciation, phoneLineWord } from "./phone-line-words";

describe("words as a phone line delivers them", () => {
  it("says a first or last /s/ as /f/ and a /z/ as /v/", () => {
    expect(phoneLinePronunciation("S P IY K")).toBe("F P IY K");
    expect(phoneLinePronunciation("TH AE NG K S")).toBe("TH AE NG K F");
    expect(phoneLinePronunciation("AW ER Z")).toBe("AW ER V");
    expect(phoneLinePronunciation("S")).toBe("F");
  });

  it("leaves the sounds inside a word, and words without them, as they are", () => {
    // "cancel" as "K AE N F AH L" took the place of "call me" and "can you" in out-of-grammar lines.
    expect(phoneLinePronunciation("K AE N S AH L")).toBeNull();
    expect(phoneLinePronunciation("B UH K")).toBeNull();
  });

  it("spells the phone-line forms apart from every dictionary word, and back", () => {
    expect(phoneLineWord("speak")).toBe("speak_phoneline");
    expect(fromPhoneLineWords("hi there speak_phoneline to someone_phoneline")).toBe("hi there speak to someone");
    expect(fromPhoneLineWords("book an appointment")).toBe("book an appointment");
  });
});
