"use client";

import { useRef, type KeyboardEvent, type PointerEvent } from "react";

const KEY_STEP = 16;

/**
 * The handle on a side panel's inner edge: drag it, or focus it and use the arrow keys, to resize the panel. The panel
 * sits right of the canvas, so moving the handle left widens it.
 */
export function PanelResizer({
  label,
  width,
  min,
  max,
  onResize,
  testId,
}: {
  label: string;
  width: number;
  min: number;
  max: number;
  onResize: (width: number) => void;
  testId: string;
}) {
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(drag.current.startWidth + drag.current.startX - event.clientX);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "ArrowLeft") onResize(width + KEY_STEP);
    else if (event.key === "ArrowRight") onResize(width - KEY_STEP);
    else if (event.key === "Home") onResize(max);
    else if (event.key === "End") onResize(min);
    else return;
    event.preventDefault();
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      data-testid={testId}
      className="w-1.5 shrink-0 cursor-col-resize bg-zinc-200 outline-none hover:bg-sky-400 focus-visible:bg-sky-500 dark:bg-zinc-800"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
