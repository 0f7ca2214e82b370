import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

/** Sizes a side panel may take, in CSS pixels. */
export const PANEL_LIMITS = {
  side: { min: 240, max: 520, initial: 288 },
  test: { min: 300, max: 600, initial: 320 },
} as const;

/** Below this window width the palette starts as a rail of kinds, so a laptop's canvas keeps its room. */
export const WIDE_WINDOW = 1440;
/** Below this width, opening the test panel folds the inspector and Problems into a rail (one click opens them). */
export const NARROW_WINDOW = 1400;

export interface LayoutState {
  /** Whether the palette is open, or null: as the window width suggests. */
  paletteOpen: boolean | null;
  /** Whether the inspector and Problems column is open, or null: as the window width and the test panel suggest. */
  sideOpen: boolean | null;
  sideWidth: number;
  testWidth: number;
}

export interface LayoutActions {
  setPaletteOpen(open: boolean): void;
  setSideOpen(open: boolean): void;
  resize(panel: "side" | "test", width: number): void;
}

export const initialLayoutState: LayoutState = {
  paletteOpen: null,
  sideOpen: null,
  sideWidth: PANEL_LIMITS.side.initial,
  testWidth: PANEL_LIMITS.test.initial,
};

/** The editor's panel layout, kept across visits (localStorage): which panels are folded, and their widths. */
export const useLayoutStore = create<LayoutState & LayoutActions>()(
  persist(
    (set) => ({
      ...initialLayoutState,
      setPaletteOpen(paletteOpen) {
        set({ paletteOpen });
      },
      setSideOpen(sideOpen) {
        set({ sideOpen });
      },
      resize(panel, width) {
        const limits = PANEL_LIMITS[panel];
        const clamped = Math.round(Math.min(limits.max, Math.max(limits.min, width)));
        set(panel === "side" ? { sideWidth: clamped } : { testWidth: clamped });
      },
    }),
    { name: "switchboard.editor-layout", storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);

/** Whether a panel is open, given the user's choice (null: automatic) and the window. */
export function resolvedLayout(state: LayoutState, windowWidth: number, testOpen: boolean): { palette: boolean; side: boolean } {
  return {
    palette: state.paletteOpen ?? windowWidth >= WIDE_WINDOW,
    side: state.sideOpen ?? !(testOpen && windowWidth < NARROW_WINDOW),
  };
}
