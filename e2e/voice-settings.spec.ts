import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe-check";
import { expectSaved, openNewFlow, selectNode, storedFlow } from "./editor-helpers";

/** Where the screenshots of the inspector go when asked for (`VOICE_SHOTS_DIR`); none by default. */
const shotsDir = process.env.VOICE_SHOTS_DIR;

async function shoot(page: Page, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

test.use({ viewport: { width: 1280, height: 800 } });

test("voice settings of a Listen, a Say and the flow are set in the editor and kept", async ({ page }) => {
  const flowId = await openNewFlow(page, `Voice settings ${Date.now()}`, "appointment-booking");

  // A Listen's end-of-speech silence: unset, the box is empty and names the default.
  await selectNode(page, "ask");
  const silence = page.getByTestId("field-endOfSpeechMs");
  await expect(silence).toHaveValue("");
  await expect(silence).toHaveAttribute("placeholder", "500 ms (default)");
  await silence.fill("900");
  await expect(page.getByTestId("field-waitForFullSilence")).not.toBeChecked();
  await page.getByTestId("field-waitForFullSilence").check();
  await page.getByTestId("field-expectedPhrases").fill("tomorrow, next week");
  await expect(page.getByTestId("field-language")).toContainText("Default: American English");
  await shoot(page, "listen-inspector");
  await expectNoSeriousViolations(page, "a Listen's voice settings");

  // A Say's voice, picked by name from the voices the server has.
  await selectNode(page, "greet");
  const voice = page.getByTestId("field-voice");
  await expect(voice.locator("option", { hasText: "eSpeak (robotic, offline)" })).toHaveCount(1);
  await voice.selectOption({ label: "eSpeak (robotic, offline)" });
  await page.getByTestId("field-interruptible").check();
  await shoot(page, "say-inspector");
  await expectNoSeriousViolations(page, "a Say's voice settings");
  await expectSaved(page);

  const saved = await storedFlow(page, flowId);
  const byId = (id: string) => saved.graph.nodes.find((candidate) => candidate.id === id)?.data;
  expect(byId("ask")).toMatchObject({ endOfSpeechMs: 900, waitForFullSilence: true, expectedPhrases: ["tomorrow", "next week"] });
  expect(byId("greet")).toMatchObject({ voice: "espeak:en-us", interruptible: true });

  // Reloaded, the inspector shows what was stored.
  await page.reload();
  await selectNode(page, "ask");
  await expect(page.getByTestId("field-endOfSpeechMs")).toHaveValue("900");
  await expect(page.getByTestId("field-waitForFullSilence")).toBeChecked();
  await expect(page.getByTestId("field-expectedPhrases")).toHaveValue("tomorrow, next week");
  await selectNode(page, "greet");
  await expect(page.getByTestId("field-voice")).toHaveValue("espeak:en-us");
  await expect(page.getByTestId("field-interruptible")).toBeChecked();

  // Cleared, the silence is unset again: empty, with the default as its placeholder, and gone from the stored node.
  await selectNode(page, "ask");
  await page.getByTestId("field-endOfSpeechMs").fill("");
  await expect(page.getByTestId("field-endOfSpeechMs")).toHaveValue("");
  await expect(page.getByTestId("field-endOfSpeechMs")).toHaveAttribute("placeholder", "500 ms (default)");
  await expect(page.getByTestId("inspector").getByText("Enter a number")).toHaveCount(0);
  await expectSaved(page);
  expect((await storedFlow(page, flowId)).graph.nodes.find((candidate) => candidate.id === "ask")?.data).not.toHaveProperty(
    "endOfSpeechMs",
  );
  await page.reload();
  await selectNode(page, "ask");
  await expect(page.getByTestId("field-endOfSpeechMs")).toHaveValue("");

  // The flow's own voice, where nothing is selected; the Say that names none then says whose voice it gets.
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  const flowVoice = page.getByTestId("flow-voice-voice");
  await flowVoice.selectOption({ label: "eSpeak (robotic, offline)" });
  await shoot(page, "flow-voice-settings");
  await expectNoSeriousViolations(page, "the flow's voice settings");
  await expectSaved(page);
  expect((await storedFlow(page, flowId)).graph).toMatchObject({ voice: { voice: "espeak:en-us" } });
  await page.reload();
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId("flow-voice-voice")).toHaveValue("espeak:en-us");
  await selectNode(page, "confirm");
  await expect(page.getByTestId("field-voice")).toContainText("Default: eSpeak (robotic, offline)");
});

test("a voice this server cannot use is kept and warned about, not refused", async ({ page }) => {
  const flowId = await openNewFlow(page, `Voice warning ${Date.now()}`, "appointment-booking");
  const flow = await storedFlow(page, flowId);
  const nodes = flow.graph.nodes.map((candidate) =>
    candidate.id === "greet" ? { ...candidate, data: { ...candidate.data, voice: "elevenlabs:someone" } } : candidate,
  );
  const saved = await page.request.put(`/api/flows/${flowId}`, { data: { revision: flow.revision, graph: { ...flow.graph, nodes } } });
  expect(saved.status()).toBe(200);
  await page.reload();
  await selectNode(page, "greet");
  await expect(page.getByTestId("field-voice")).toHaveValue("elevenlabs:someone");
  await expect(page.getByTestId("field-voice-warning")).toContainText("ElevenLabs is not set up on this server");
  await shoot(page, "say-voice-warning");
});
