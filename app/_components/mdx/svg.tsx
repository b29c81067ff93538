// Drawing primitives for lesson diagrams. Everything is drawn with currentColor and the --dg-* CSS
// variables from mdx.module.css, so one SVG reads in light and dark themes.
import type { ReactNode } from "react";

export type Tone = "plain" | "a" | "b" | "c" | "muted";
const fill: Record<Tone, string> = {
  plain: "var(--dg-fill)",
  a: "var(--dg-a)",
  b: "var(--dg-b)",
  c: "var(--dg-c)",
  muted: "transparent",
};

export function Box(p: { x: number; y: number; w: number; h: number; label?: string; sub?: string; tone?: Tone; dashed?: boolean; labelTop?: boolean }) {
  const tone = p.tone ?? "plain";
  const cx = p.x + p.w / 2;
  const ty = p.labelTop ? p.y + 16 : p.y + p.h / 2 + (p.sub ? -3 : 5);
  return (
    <g>
      <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={8} fill={fill[tone]} stroke="currentColor" strokeWidth={1.4} strokeDasharray={p.dashed ? "5 4" : undefined} />
      {p.label ? (
        <text x={cx} y={ty} textAnchor="middle" fontSize={13} fontWeight={600} fill="currentColor">
          {p.label}
        </text>
      ) : null}
      {p.sub ? (
        <text x={cx} y={ty + 16} textAnchor="middle" fontSize={11} fill="currentColor" opacity={0.85}>
          {p.sub}
        </text>
      ) : null}
    </g>
  );
}

export function Arrow(p: { x1: number; y1: number; x2: number; y2: number; label?: string; dashed?: boolean; both?: boolean; lx?: number; ly?: number }) {
  const mx = p.lx ?? (p.x1 + p.x2) / 2;
  const my = p.ly ?? (p.y1 + p.y2) / 2 - 6;
  return (
    <g>
      <line
        x1={p.x1}
        y1={p.y1}
        x2={p.x2}
        y2={p.y2}
        stroke="currentColor"
        strokeWidth={1.6}
        strokeDasharray={p.dashed ? "6 4" : undefined}
        markerEnd="url(#dg-arrow)"
        markerStart={p.both ? "url(#dg-arrow-start)" : undefined}
      />
      {p.label ? <Label x={mx} y={my} text={p.label} /> : null}
    </g>
  );
}

export function Label({ x, y, text, anchor = "middle", size = 11, bold }: { x: number; y: number; text: string; anchor?: "start" | "middle" | "end"; size?: number; bold?: boolean }) {
  return (
    <text x={x} y={y} textAnchor={anchor} fontSize={size} fontWeight={bold ? 600 : 400} fill="currentColor" paintOrder="stroke" stroke="var(--dg-bg)" strokeWidth={3} strokeLinejoin="round">
      {text}
    </text>
  );
}

export function Defs() {
  return (
    <defs>
      <marker id="dg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
      </marker>
      <marker id="dg-arrow-start" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
        <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
      </marker>
    </defs>
  );
}

export type DiagramSpec = { title: string; description: string; width: number; height: number; body: ReactNode };
