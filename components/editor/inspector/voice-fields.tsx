"use client";

import { useDocumentStore } from "../document-store";
import { useVoiceCatalog } from "../use-voice-catalog";
import {
  flowDefaultVoice,
  flowRecogniser,
  languageName,
  languageOptions,
  languageProblem,
  voiceGroups,
  voiceName,
  voiceProblem,
} from "./voice-options";
import { Picker, PickerWarning } from "./voice-pickers";

interface NodePickerProps {
  testId: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  invalid: boolean;
}

const unloaded = (error: string | null) => (error === null ? null : `The list of voices could not be loaded: ${error}`);

/** A Say's voice: the server's voices by provider, or the flow's (named in words). */
export function SayVoicePicker({ testId, value, onChange, invalid }: NodePickerProps) {
  const { catalog, error } = useVoiceCatalog();
  const flowVoice = useDocumentStore((state) => state.voice);
  if (!catalog) {
    return (
      <>
        <Picker testId={testId} value={value} defaultLabel="Default voice" onChange={onChange} invalid={invalid} />
        <PickerWarning testId={`${testId}-warning`} message={unloaded(error)} />
      </>
    );
  }
  const fallback = voiceName(catalog, flowDefaultVoice(catalog, flowVoice));
  return (
    <>
      <Picker
        testId={testId}
        value={value}
        defaultLabel={`Default: ${fallback}`}
        groups={voiceGroups(catalog, value)}
        onChange={onChange}
        invalid={invalid}
      />
      <PickerWarning testId={`${testId}-warning`} message={voiceProblem(catalog, value, `${fallback}, the default voice,`)} />
    </>
  );
}

/** A Listen's language: those the flow's recogniser understands, or the flow's (named in words). */
export function ListenLanguagePicker({ testId, value, onChange, invalid }: NodePickerProps) {
  const { catalog, error } = useVoiceCatalog();
  const flowVoice = useDocumentStore((state) => state.voice);
  if (!catalog) {
    return (
      <>
        <Picker testId={testId} value={value} defaultLabel="Default language" onChange={onChange} invalid={invalid} />
        <PickerWarning testId={`${testId}-warning`} message={unloaded(error)} />
      </>
    );
  }
  const recogniser = flowRecogniser(catalog, flowVoice);
  const fallback = languageName(catalog, flowVoice?.language ?? catalog.defaults.language);
  return (
    <>
      <Picker
        testId={testId}
        value={value}
        defaultLabel={`Default: ${fallback}`}
        options={languageOptions(catalog, recogniser, value)}
        onChange={onChange}
        invalid={invalid}
      />
      <PickerWarning testId={`${testId}-warning`} message={languageProblem(recogniser, value)} />
    </>
  );
}
