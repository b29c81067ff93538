// The names lessons may use as JSX in MDX, and the diagrams <Diagram name="..."> may show. One list for
// the renderer (app/_components/mdx/index.tsx is typed against it) and for `npm run content:check`
// (an unknown name fails the check instead of failing a learner's page at render time).
export const MDX_COMPONENT_NAMES = ["Callout", "Diagram", "Tabs", "Tab", "CodeBlock", "TryIt", "CheckQuestion", "FaqList"] as const;
export type MdxComponentName = (typeof MDX_COMPONENT_NAMES)[number];

export const DIAGRAM_NAMES = [
  "pod-anatomy",
  "pod-to-pod",
  "service-endpoints",
  "service-types",
  "kube-proxy-dnat",
  "dns-lookup",
  "ingress-flow",
  "egress-snat",
  "netpol-and-or",
  "cni-call-flow",
  "overlay-vs-routed",
  "networking-layers",
] as const;
export type DiagramName = (typeof DIAGRAM_NAMES)[number];

export const isMdxComponentName = (name: string): name is MdxComponentName => (MDX_COMPONENT_NAMES as readonly string[]).includes(name);
export const isDiagramName = (name: string): name is DiagramName => (DIAGRAM_NAMES as readonly string[]).includes(name);
