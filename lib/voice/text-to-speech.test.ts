import { describe, expect, it } from "vitest";
import { splitSentences, synthesisUnits } from "./text-to-speech";

describe("the units of synthesis", () => {
  it("are the sentences with their closing marks, without empty or word-less ones", () => {
    expect(splitSentences("Hi there! Is it Tuesday? Yes.\nBye ...")).toEqual(["Hi there!", "Is it Tuesday?", "Yes.", "Bye ..."]);
    expect(splitSentences(" ... !? ")).toEqual([]);
  });

  it("split a long first sentence after its first clause, so the reply starts sooner", () => {
    expect(synthesisUnits("Thanks for calling Switchboard, how can I help you today? Say book or cancel.")).toEqual([
      "Thanks for calling Switchboard,",
      "how can I help you today?",
      "Say book or cancel.",
    ]);
    expect(synthesisUnits("Hi, thanks for calling.")).toEqual(["Hi, thanks for calling."]);
  });
});
