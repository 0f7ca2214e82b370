"use client";

import { Panel, useStore, useStoreApi, type ReactFlowState } from "@xyflow/react";
import { getBoundsOfRects, XYMinimap, type XYMinimapInstance } from "@xyflow/system";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { shallow } from "zustand/shallow";
import { nodeKinds } from "@/lib/flow";
import { useDocumentStore } from "./document-store";
import { drawNodes, type Drawing } from "./minimap-drawing";
import { whenIdle } from "./when-idle";

const WIDTH = 200;
const HEIGHT = 150;
/** Margin around the drawing, in minimap pixels (React Flow's MiniMap uses the same). */
const OFFSET = 5;

/**
 * The drawing of the document's nodes, redrawn when the browser is idle after they change: during a drag that is
 * between frames, a few times a second, rather than in each frame.
 */
function useIdleDrawing(): Drawing {
  const [drawing, setDrawing] = useState(() => drawNodes(useDocumentStore.getState().nodes));
  useEffect(() => {
    let cancel: (() => void) | null = null;
    const redraw = () => {
      cancel = null;
      setDrawing(drawNodes(useDocumentStore.getState().nodes));
    };
    const unsubscribe = useDocumentStore.subscribe((state, previous) => {
      if (state.nodes !== previous.nodes && cancel === null) cancel = whenIdle(redraw);
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
  }, []);
  return drawing;
}

const selectView = (state: ReactFlowState) => ({
  x: state.transform[0],
  y: state.transform[1],
  zoom: state.transform[2],
  width: state.width,
  height: state.height,
  panZoom: state.panZoom,
  translateExtent: state.translateExtent,
});

/**
 * An overview of the flow, pannable and zoomable like React Flow's MiniMap (it uses the same XYMinimap), drawn with one
 * path per node kind. React Flow's MiniMap draws a component per node, each subscribed to React Flow's store: on a
 * 1,000-node flow, a thousand more subscribers called on every change of the store, and a thousand more elements.
 */
export function FlowMiniMap() {
  const store = useStoreApi();
  const view = useStore(selectView, shallow);
  const drawing = useIdleDrawing();
  const svg = useRef<SVGSVGElement>(null);
  const minimap = useRef<XYMinimapInstance | null>(null);

  // What the minimap shows: the nodes and the part of the flow on screen, scaled to fit with a margin.
  const viewRect = { x: -view.x / view.zoom, y: -view.y / view.zoom, width: view.width / view.zoom, height: view.height / view.zoom };
  const shown = drawing.bounds ? getBoundsOfRects(viewRect, drawing.bounds) : viewRect;
  const viewScale = Math.max(shown.width / WIDTH, shown.height / HEIGHT);
  const viewWidth = viewScale * WIDTH;
  const viewHeight = viewScale * HEIGHT;
  const offset = OFFSET * viewScale;
  const x = shown.x - (viewWidth - shown.width) / 2 - offset;
  const y = shown.y - (viewHeight - shown.height) / 2 - offset;
  const width = viewWidth + offset * 2;
  const height = viewHeight + offset * 2;
  // XYMinimap reads the scale when the minimap is dragged or zoomed, not when it renders.
  const viewScaleRef = useRef(viewScale);
  useLayoutEffect(() => {
    viewScaleRef.current = viewScale;
  }, [viewScale]);

  useEffect(() => {
    if (!svg.current || !view.panZoom) return;
    const instance = XYMinimap({
      domNode: svg.current,
      panZoom: view.panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => viewScaleRef.current,
    });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = null;
    };
  }, [store, view.panZoom]);
  useEffect(() => {
    minimap.current?.update({
      translateExtent: view.translateExtent,
      width: view.width,
      height: view.height,
      pannable: true,
      zoomable: true,
      zoomStep: 1,
    });
  }, [view.panZoom, view.translateExtent, view.width, view.height]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label="Overview of the flow"
      >
        {drawing.paths.map(({ kind, d }) => (
          <path key={kind} d={d} fill={nodeKinds[kind].color} shapeRendering="crispEdges" />
        ))}
        {drawing.selected && <path d={drawing.selected} fill="none" stroke="#0ea5e9" strokeWidth={4 * viewScale} />}
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z
            M${viewRect.x},${viewRect.y}h${viewRect.width}v${viewRect.height}h${-viewRect.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
