import { useEffect, useRef, type FocusEvent, type KeyboardEvent } from "react";

/*
 * React Flow renders the edges' layer before the nodes' layer, so Tab walked every edge before the first node. On the
 * canvas, Tab goes through the nodes first and then the edges; leaving either end goes on to what is before or after
 * the canvas, as Tab would.
 */

const ITEMS = ".react-flow__node[tabindex], .react-flow__edge[tabindex]";
const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** What Tab moves between: nodes are HTML elements, edges SVG groups; both can take focus. */
type Focusable = HTMLElement | SVGElement;

function isFocusable(element: EventTarget | Element | null): element is Focusable {
  return element instanceof HTMLElement || element instanceof SVGElement;
}

function canvasItems(root: HTMLElement): Focusable[] {
  const nodes = [...root.querySelectorAll<HTMLElement>(".react-flow__node[tabindex]")];
  const edges = [...root.querySelectorAll<SVGElement>(".react-flow__edge[tabindex]")];
  return [...nodes, ...edges];
}

function visible(element: Element): boolean {
  return element.getClientRects().length > 0;
}

/** The first tabbable element after (or, backwards, before) the canvas's nodes and edges, outside them. */
function beyond(root: HTMLElement, forward: boolean): Focusable | null {
  const viewport = root.querySelector(".react-flow__viewport");
  if (!viewport) return null;
  const all = [...document.querySelectorAll(TABBABLE)].filter(
    (element): element is Focusable => isFocusable(element) && visible(element) && !viewport.contains(element),
  );
  const after = (element: Element) => Boolean(viewport.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  return forward ? (all.find(after) ?? null) : (all.filter((element) => !after(element)).at(-1) ?? null);
}

/** Tab and Shift+Tab on a node or edge: the next item in nodes-then-edges order, or out of the canvas. */
function onCanvasTab(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
  const root = event.currentTarget;
  const active = document.activeElement;
  if (!isFocusable(active) || !active.matches(ITEMS) || !root.contains(active)) return;
  const items = canvasItems(root);
  const next = items[items.indexOf(active) + (event.shiftKey ? -1 : 1)] ?? beyond(root, !event.shiftKey);
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/**
 * Focus arriving on the canvas from outside by Tab lands where that order starts: on the first node coming forwards
 * (the DOM would give the first edge), on the last edge coming backwards. A click that focuses an edge stays there.
 */
function onCanvasFocus(event: FocusEvent<HTMLDivElement>, byTab: boolean): void {
  if (!byTab) return;
  const root = event.currentTarget;
  const target = event.target;
  const from = event.relatedTarget;
  if (!isFocusable(target) || !target.matches(ITEMS)) return;
  if (!isFocusable(from)) return;
  if (from.matches(ITEMS) && root.contains(from)) return;
  const items = canvasItems(root);
  const forward = Boolean(from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
  const wanted = forward ? items[0] : items.at(-1);
  if (wanted && wanted !== target) wanted.focus();
}

/** The canvas's Tab handlers: nodes, then edges, then on. */
export function useCanvasTabOrder(): {
  onKeyDownCapture: (event: KeyboardEvent<HTMLDivElement>) => void;
  onFocusCapture: (event: FocusEvent<HTMLDivElement>) => void;
} {
  const byTab = useRef(false);
  useEffect(() => {
    const key = (event: globalThis.KeyboardEvent) => {
      byTab.current = event.key === "Tab";
    };
    const pointer = () => {
      byTab.current = false;
    };
    document.addEventListener("keydown", key, true);
    document.addEventListener("pointerdown", pointer, true);
    return () => {
      document.removeEventListener("keydown", key, true);
      document.removeEventListener("pointerdown", pointer, true);
    };
  }, []);
  return { onKeyDownCapture: onCanvasTab, onFocusCapture: (event) => onCanvasFocus(event, byTab.current) };
}
