/** Why a voice test call could not use the microphone, in words for someone trying it for the first time. */
export class MicrophoneError extends Error {
  override readonly name = "MicrophoneError";
}

/** The person's way out of every microphone problem: the text mode works without one. */
const OR_TYPE = "Or switch to Type to test by typing.";

/** The problem getUserMedia (or the audio set-up) reported, as a MicrophoneError saying what to do. */
export function microphoneProblem(error: unknown): MicrophoneError {
  if (error instanceof MicrophoneError) return error;
  // DOMException is an Error in browsers; its name says which problem it is.
  switch (error instanceof Error ? error.name : "") {
    case "NotAllowedError":
    case "SecurityError":
      return new MicrophoneError(
        `The browser was not allowed to use the microphone. Allow it (the icon at the left of the address bar), then press Restart. ${OR_TYPE}`,
      );
    case "NotFoundError":
    case "OverconstrainedError":
      return new MicrophoneError(`No microphone was found. Plug one in, then press Restart. ${OR_TYPE}`);
    case "NotReadableError":
    case "AbortError":
      return new MicrophoneError(
        `The microphone could not be opened: another app may be using it. Close that app, then press Restart. ${OR_TYPE}`,
      );
    default:
      return new MicrophoneError(`The microphone could not be started${error instanceof Error ? ` (${error.message})` : ""}. ${OR_TYPE}`);
  }
}

/** Said when the page cannot ask for a microphone at all. */
export function microphoneUnsupported(): MicrophoneError {
  if (typeof window !== "undefined" && !window.isSecureContext)
    return new MicrophoneError(
      `Browsers allow the microphone only on https:// pages or on localhost, and this page is neither. Open the editor that way to test by voice. ${OR_TYPE}`,
    );
  return new MicrophoneError(`This browser cannot record audio for a test call. Use a current Chrome, Edge, Firefox or Safari. ${OR_TYPE}`);
}
