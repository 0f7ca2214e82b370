/*
 * The test panel's microphone tap (components/editor/test-panel/voice/microphone-capture.ts loads it with
 * audioWorklet.addModule). It runs on the audio thread and only copies: it posts the microphone's samples to the page
 * in 20 ms blocks at the context's own rate. Resampling, PCM16 framing and muting are done by the page
 * (microphone-framer.ts), in TypeScript with tests; this file is plain JavaScript because a worklet is loaded by URL,
 * so it is served as a static file from public/.
 */
class MicrophoneTap extends AudioWorkletProcessor {
  constructor() {
    super();
    // `sampleRate` is the worklet global scope's: the AudioContext's rate.
    this.size = Math.round(sampleRate / 50);
    this.block = new Float32Array(this.size);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      this.block[this.filled++] = channel[i];
      if (this.filled === this.size) {
        // Transferred, not copied: the block's buffer then belongs to the page (and this.block is empty).
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(this.size);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor("switchboard-microphone-tap", MicrophoneTap);
