import { openMicrophone } from "./microphone-capture";
import { microphoneProblem } from "./microphone-problems";
import { useVoiceStore } from "./voice-store";

/**
 * Asks the browser for the microphone with the panel's voice status saying so, for a call over either transport; a
 * refusal puts the status back and throws a MicrophoneError in words.
 */
export async function askForMicrophone(): Promise<MediaStream> {
  useVoiceStore.getState().reset("starting");
  try {
    return await openMicrophone();
  } catch (error) {
    useVoiceStore.getState().reset("off");
    throw microphoneProblem(error);
  }
}
