"use client";

import { startTransition, useEffect, useState } from "react";
import type { StoreApi } from "zustand";

/**
 * A store's selected value as React state rather than as a store subscription. A zustand subscription
 * (useSyncExternalStore) re-renders synchronously in the task that changed the store, and React 19 renders every
 * pending update along with a synchronous one: so each drag move, applied in requestAnimationFrame, rendered React
 * Flow's nodes and edges inside the frame being drawn. A state update lets React schedule that render in a task
 * of its own (a pointer move's update has continuous priority), as a React Flow app with useState does.
 *
 * For the canvas's nodes and edges, and for what a drag's first move changes elsewhere (undo, save status), so
 * that nothing renders synchronously during a drag; with `transition`, for what may lag a frame or two (the
 * inspector of a node selected as its drag begins). `selector` must be stable (module level).
 */
export function useScheduledSelector<State, Value>(
  store: StoreApi<State>,
  selector: (state: State) => Value,
  { transition = false }: { transition?: boolean } = {},
): Value {
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    // An updater, so a selected function would be stored rather than called; equal values render nothing.
    const update = (state: State) => setValue(() => selector(state));
    // A transition renders in slices between frames, after everything more urgent (the canvas).
    const sync = transition ? (state: State) => startTransition(() => update(state)) : update;
    // Catch up on changes made between the first render and this subscription.
    sync(store.getState());
    return store.subscribe(sync);
  }, [store, selector, transition]);
  return value;
}
