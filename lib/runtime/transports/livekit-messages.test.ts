import { describe, expect, it } from "vitest";
import { decodeCallerMessage, encodeServerMessage } from "./livekit-messages";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("the switchboard data topic", () => {
  it("sends { event, data } as UTF-8 JSON, the Socket.IO event's name and payload", () => {
    const packet = encodeServerMessage("end", { reason: "booked" });
    expect(JSON.parse(new TextDecoder().decode(packet))).toEqual({ event: "end", data: { reason: "booked" } });
  });

  it("reads a caller's { event, data? }", () => {
    expect(decodeCallerMessage(bytes('{"event":"utterance","data":{"text":"yes"}}'))).toEqual({
      ok: true,
      message: { event: "utterance", data: { text: "yes" } },
    });
    expect(decodeCallerMessage(bytes('{"event":"hangup"}'))).toEqual({ ok: true, message: { event: "hangup", data: undefined } });
  });

  it("refuses what is not UTF-8 JSON { event }, or is too large, with a code and without echoing it", () => {
    const refused = (payload: Uint8Array) => {
      const decoded = decodeCallerMessage(payload);
      return decoded.ok ? null : decoded.error;
    };
    expect(refused(new Uint8Array([0xff, 0xfe, 0x7b]))?.code).toBe("invalid_message");
    expect(refused(bytes("[1,2]"))?.code).toBe("invalid_message");
    expect(refused(bytes('{"event":""}'))?.code).toBe("invalid_message");
    expect(refused(bytes(`{"event":"${"x".repeat(51)}"}`))?.code).toBe("invalid_message");
    const large = refused(bytes(JSON.stringify({ event: "utterance", data: { text: "a".repeat(20_000) } })));
    expect(large).toMatchObject({ code: "message_too_large" });
    expect(large!.message).not.toContain("aaaa");
  });
});
