"use client";

import { BaseEdge, useNodes, type Edge, type EdgeProps } from "@xyflow/react";
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
  const nodes = useNodes();
  const given = data?.points;
  const back = data?.back;
  const lane = data?.lane;
  const points = useMemo(() => {
    if (given?.length) return given;
    const boxes: Box[] = nodes.map((n) => ({
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? n.width ?? 0,
      height: n.measured?.height ?? n.height ?? 0,
    }));
    const from = boxes.find((b) => b.id === source);
    const to = boxes.find((b) => b.id === target);
    if (!from || !to) return [];
    return routeEdge(from, to, boxes, { back, lane });
  }, [nodes, source, target, given, back, lane]);
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
