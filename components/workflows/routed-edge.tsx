"use client";

import { BaseEdge, useStore, type Edge, type EdgeProps, type ReactFlowState } from "@xyflow/react";
import { useMemo } from "react";
import { midpoint, roundedPath, routeEdge, type Box, type Point } from "./edge-route";

export interface RoutedEdgeData extends Record<string, unknown> {
  /** The edge closes a loop: drawn dashed, around the nodes on the right. */
  back?: boolean;
  /** Spreads loops that go around side by side. */
  lane?: number;
  /** The route dagre laid out with the nodes (only while the nodes stay where dagre put them). */
  points?: Point[];
}

export type RoutedEdgeType = Edge<RoutedEdgeData, "routed">;

/** Every node's box as the canvas measured it (where it is now, how big it was drawn). */
function nodeBoxes(s: ReactFlowState): Box[] {
  return [...s.nodeLookup.values()].map((n) => ({
    id: n.id,
    x: n.internals.positionAbsolute.x,
    y: n.internals.positionAbsolute.y,
    width: n.measured.width ?? 0,
    height: n.measured.height ?? 0,
  }));
}

const sameBoxes = (a: Box[], b: Box[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return x.id === y.id && x.x === y.x && x.y === y.y && x.width === y.width && x.height === y.height;
  });

/** An edge drawn around the nodes in its way (edge-route.ts) rather than straight through them. */
export function RoutedEdge({
  id,
  source,
  target,
  data,
  label,
  style,
  markerEnd,
  labelStyle,
  labelBgStyle,
  labelShowBg,
  labelBgPadding,
  labelBgBorderRadius,
  interactionWidth,
}: EdgeProps<RoutedEdgeType>) {
  const boxes = useStore(nodeBoxes, sameBoxes);
  const given = data?.points;
  const back = data?.back;
  const lane = data?.lane;
  const points = useMemo(() => {
    if (given?.length) return given;
    const from = boxes.find((b) => b.id === source);
    const to = boxes.find((b) => b.id === target);
    if (!from || !to) return [];
    return routeEdge(from, to, boxes, { back, lane });
  }, [boxes, source, target, given, back, lane]);
  if (points.length < 2) return null;
  const at = midpoint(points);
  return (
    <BaseEdge
      id={id}
      path={roundedPath(points)}
      labelX={at.x}
      labelY={at.y}
      label={label}
      labelStyle={labelStyle}
      labelBgStyle={labelBgStyle}
      labelShowBg={labelShowBg}
      labelBgPadding={labelBgPadding}
      labelBgBorderRadius={labelBgBorderRadius}
      style={back ? { strokeDasharray: "6 4", ...style } : style}
      markerEnd={markerEnd}
      interactionWidth={interactionWidth}
    />
  );
}

export const edgeTypes = { routed: RoutedEdge };
