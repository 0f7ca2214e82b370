/**
 * Runs `callback` once the browser is idle (after the frames it has to draw), or after `timeout` ms at the
 * latest; returns a function that cancels it. For work a flow's first paint need not wait for, but that should
 * still be done soon after it, before someone starts working (on a busy machine idle time may not come).
 */
export function whenIdle(callback: () => void, timeout = 300): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(() => callback(), { timeout });
    return () => window.cancelIdleCallback(handle);
  }
  // Safari has no requestIdleCallback: right after the next frame is close enough.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
