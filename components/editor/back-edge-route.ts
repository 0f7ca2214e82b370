/** A node's box on the canvas, in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far a back edge leaves its port and enters its target before turning; inside the gap between columns. */
const STUB = 20;
/** Distance of a back edge's lane from the box it runs along. */
const LANE = 24;
/** Corner radius of the route. */
const RADIUS = 8;

/** How far right of its source port a target's input must be for a forward curve to reach it without turning back. */
const FORWARD_ROOM = 10;

/** Whether an edge runs backwards: it would have to turn back to enter its target's input on the left. */
export function isBackEdge(sourceX: number, targetX: number): boolean {
  return targetX < sourceX + FORWARD_ROOM;
}

/**
 * The lane (a y) a back edge runs along: just above its target when the target is below the source (a flow wrapped onto
 * the next row), just below it when the target is above (a loop back up), else below both (a loop within a row).
 * Vertical legs run in the gaps beside the two nodes, so nothing of the route hides behind them.
 */
export function backEdgeLane(source: Box, target: Box): number {
  if (target.y > source.y + source.height + LANE) return target.y - LANE;
  if (target.y + target.height + LANE < source.y) return target.y + target.height + LANE;
  return Math.max(source.y + source.height, target.y + target.height) + LANE;
}

/** The SVG path of a back edge from a source port to a target input, through its lane, with rounded corners. */
export function backEdgePath(sourceX: number, sourceY: number, targetX: number, targetY: number, lane: number): string {
  const points: Array<[number, number]> = [
    [sourceX, sourceY],
    [sourceX + STUB, sourceY],
    [sourceX + STUB, lane],
    [targetX - STUB, lane],
    [targetX - STUB, targetY],
    [targetX, targetY],
  ];
  let path = `M${points[0]![0]},${points[0]![1]}`;
  for (let index = 1; index < points.length - 1; index += 1) {
    const [px, py] = points[index - 1]!;
    const [x, y] = points[index]!;
    const [nx, ny] = points[index + 1]!;
    // Each corner is cut by at most half of either leg, so short legs (a lane close to the port) stay well formed.
    const before = Math.min(RADIUS, Math.hypot(x - px, y - py) / 2);
    const after = Math.min(RADIUS, Math.hypot(nx - x, ny - y) / 2);
    const inX = x - Math.sign(x - px) * before;
    const inY = y - Math.sign(y - py) * before;
    const outX = x + Math.sign(nx - x) * after;
    const outY = y + Math.sign(ny - y) * after;
    path += ` L${inX},${inY} Q${x},${y} ${outX},${outY}`;
  }
  const [lastX, lastY] = points[points.length - 1]!;
  return `${path} L${lastX},${lastY}`;
}

/** The middle of a back edge's lane, where its label or a hit test can go. */
export function backEdgeMidpoint(sourceX: number, targetX: number, lane: number): { x: number; y: number } {
  return { x: (sourceX + STUB + targetX - STUB) / 2, y: lane };
}
