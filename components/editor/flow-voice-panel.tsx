"use client";

import { useDocumentStore } from "./document-store";
import {
  flowRecogniser,
  languageName,
  languageOptions,
  languageProblem,
  recogniserProblem,
  voiceGroups,
  voiceName,
  voiceProblem,
} from "./inspector/voice-options";
import { Picker, PickerWarning } from "./inspector/voice-pickers";
import { useVoiceCatalog } from "./use-voice-catalog";

const labelClass = "mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300";

/**
 * The flow's own voice settings (the graph's `voice`): who hears and who speaks on a voice call when a node says
 * nothing. Each unset choice is the server's default, named in words.
 */
export function FlowVoicePanel() {
  const voice = useDocumentStore((state) => state.voice);
  const patch = useDocumentStore((state) => state.patchFlowVoice);
  const { catalog, error } = useVoiceCatalog();
  return (
    <section data-testid="flow-voice-settings" aria-labelledby="flow-voice-title" className="space-y-3 text-left">
      <div>
        <h2 id="flow-voice-title" className="text-sm font-semibold">
          Voice for this flow
        </h2>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          On voice calls, used wherever a node does not choose its own. Unset, this server&apos;s default applies.
        </p>
      </div>
      {!catalog ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="flow-voice-loading">
          {error === null ? "Loading the voices this server has…" : `The list of voices could not be loaded: ${error}`}
        </p>
      ) : (
        <>
          <label className="block">
            <span className={labelClass}>Speech recognition</span>
            <Picker
              testId="flow-voice-speechToText"
              value={voice?.speechToText}
              defaultLabel={`Default: ${catalog.speechToText.find((offer) => offer.id === catalog.defaults.speechToText)?.name ?? "offline"}`}
              options={catalog.speechToText.map((offer) => ({
                value: offer.id,
                label: offer.available ? offer.name : `${offer.name} (not set up on this server)`,
                disabled: !offer.available && offer.id !== voice?.speechToText,
              }))}
              onChange={(value) => patch({ speechToText: value })}
            />
            <PickerWarning testId="flow-voice-speechToText-warning" message={recogniserProblem(catalog, voice)} />
          </label>
          <label className="block">
            <span className={labelClass}>Voice</span>
            <Picker
              testId="flow-voice-voice"
              value={voice?.voice}
              defaultLabel={`Default: ${voiceName(catalog, catalog.defaults.voice)}`}
              groups={voiceGroups(catalog, voice?.voice)}
              onChange={(value) => patch({ voice: value })}
            />
            <PickerWarning
              testId="flow-voice-voice-warning"
              message={voiceProblem(catalog, voice?.voice, `${voiceName(catalog, catalog.defaults.voice)}, the server's default,`)}
            />
          </label>
          <label className="block">
            <span className={labelClass}>Language</span>
            <Picker
              testId="flow-voice-language"
              value={voice?.language}
              defaultLabel={`Default: ${languageName(catalog, catalog.defaults.language)}`}
              options={languageOptions(catalog, flowRecogniser(catalog, voice), voice?.language)}
              onChange={(value) => patch({ language: value })}
            />
            <PickerWarning
              testId="flow-voice-language-warning"
              message={languageProblem(flowRecogniser(catalog, voice), voice?.language)}
            />
          </label>
        </>
      )}
    </section>
  );
}
