import { describe, expect, it } from "vitest";
import { MicrophoneError, microphoneProblem } from "./microphone-problems";

/** getUserMedia rejects with DOMExceptions named after the problem. */
const refusal = (name: string) => Object.assign(new Error("raw browser text"), { name });

describe("microphone problems in words", () => {
  it("says how to allow a refused microphone, and that typing still works", () => {
    const problem = microphoneProblem(refusal("NotAllowedError"));
    expect(problem).toBeInstanceOf(MicrophoneError);
    expect(problem.message).toMatch(/not allowed to use the microphone.*Allow it.*switch to Type/);
  });

  it("tells a missing microphone from a busy one", () => {
    expect(microphoneProblem(refusal("NotFoundError")).message).toMatch(/^No microphone was found/);
    expect(microphoneProblem(refusal("NotReadableError")).message).toMatch(/another app may be using it/);
  });

  it("keeps a problem already put in words, and names an unknown one without hiding it", () => {
    const worded = new MicrophoneError("already clear");
    expect(microphoneProblem(worded)).toBe(worded);
    expect(microphoneProblem(new Error("weird")).message).toMatch(/could not be started \(weird\)/);
    expect(microphoneProblem("not even an error").message).toMatch(/could not be started\. Or switch to Type/);
  });
});
