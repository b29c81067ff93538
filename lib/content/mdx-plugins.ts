// The remark/rehype plugins lessons compile with:
// - headingIds: every h2/h3 ends with an explicit, stable anchor written as `## Title [#anchor]`
//   (a trailing literal "[#id]" survives Markdown parsing as text, unlike `{#id}`, which MDX reads as
//   an expression). The plugin strips it, sets the heading's id and records the heading for the TOC.
// - collect: the JSX component names and link targets a lesson uses, for `npm run content:check`.
// - highlight: code fences highlighted by shiki at compile time with a light and a dark theme as CSS
//   variables (--shiki-light / --shiki-dark), and the raw code kept in data-code for the copy button.
import type { Root as MdastRoot, Heading, Text } from "mdast";
import type { Root as HastRoot, Element, ElementContent } from "hast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { createHighlighter, type Highlighter } from "shiki";

export type LessonHeading = { depth: 2 | 3; id: string; text: string };

/** What a compile found in the source; filled by the plugins below. */
export type Collected = {
  headings: LessonHeading[];
  /** headings (h2/h3) written without an explicit [#anchor] */
  missingAnchors: string[];
  components: Set<string>;
  /** the name attribute of every <Diagram> */
  diagrams: string[];
  links: string[];
};

export const newCollected = (): Collected => ({ headings: [], missingAnchors: [], components: new Set(), diagrams: [], links: [] });

const anchorSuffix = /\s*\[#([a-z0-9]+(?:-[a-z0-9]+)*)\]\s*$/;

/** Splits "Title [#anchor]" into its title and anchor (anchor undefined when absent). */
export function splitHeading(raw: string): { text: string; id?: string } {
  const m = raw.match(anchorSuffix);
  return m ? { text: raw.slice(0, m.index).trim(), id: m[1] } : { text: raw.trim() };
}

export function remarkHeadingIds(collected: Collected) {
  return () => (tree: MdastRoot) => {
    visit(tree, "heading", (node: Heading) => {
      const raw = toString(node);
      const { text, id } = splitHeading(raw);
      if (!id) {
        if (node.depth === 2 || node.depth === 3) collected.missingAnchors.push(text);
        return;
      }
      const last = node.children[node.children.length - 1];
      if (last?.type !== "text" || !anchorSuffix.test(last.value)) {
        throw new Error(`heading "${raw}": write the [#anchor] at the very end, as plain text`);
      }
      (last as Text).value = last.value.replace(anchorSuffix, "");
      // mdast-util-to-hast copies data.hProperties onto the element (not in mdast's own Data type)
      const data = (node.data ?? {}) as { hProperties?: Record<string, unknown> };
      node.data = { ...data, hProperties: { ...(data.hProperties ?? {}), id } } as Heading["data"];
      if (node.depth === 2 || node.depth === 3) collected.headings.push({ depth: node.depth, id, text });
    });
  };
}

export function remarkCollect(collected: Collected) {
  return () => (tree: MdastRoot) => {
    visit(tree, (node: any) => {
      if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name) {
        collected.components.add(node.name);
        for (const attr of node.attributes ?? []) {
          if (attr.type !== "mdxJsxAttribute" || typeof attr.value !== "string") continue;
          if (attr.name === "href") collected.links.push(attr.value);
          if (node.name === "Diagram" && attr.name === "name") collected.diagrams.push(attr.value);
        }
      }
      if (node.type === "link" && typeof node.url === "string") collected.links.push(node.url);
    });
  };
}

const themes = { light: "github-light", dark: "github-dark" } as const;
const langs = ["yaml", "bash", "shellsession", "json", "text"] as const;
const langAlias: Record<string, string> = { sh: "bash", shell: "bash", console: "shellsession", yml: "yaml", txt: "text", plaintext: "text" };

let highlighter: Promise<Highlighter> | undefined;
const getHighlighter = () => (highlighter ??= createHighlighter({ themes: Object.values(themes), langs: [...langs] }));

/** Normalises a fence's language to one shiki has loaded; unknown languages are an error worth fixing. */
export function fenceLanguage(className: unknown): string {
  const cls = Array.isArray(className) ? className.map(String) : [];
  const raw = cls.find((c) => c.startsWith("language-"))?.slice("language-".length) ?? "text";
  const lang = langAlias[raw] ?? raw;
  if (!(langs as readonly string[]).includes(lang)) {
    throw new Error(`code fence language "${raw}" is not loaded; use one of ${[...langs, ...Object.keys(langAlias)].join(", ")}`);
  }
  return lang;
}

export function rehypeHighlight() {
  return async (tree: HastRoot) => {
    const hl = await getHighlighter();
    const jobs: Array<{ parent: Element | HastRoot; index: number; pre: Element }> = [];
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "pre" || index === undefined || !parent) return;
      const code = node.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
      if (code) jobs.push({ parent: parent as Element | HastRoot, index, pre: node });
    });
    for (const { parent, index, pre } of jobs) {
      const code = pre.children.find((c): c is Element => c.type === "element" && c.tagName === "code")!;
      const lang = fenceLanguage(code.properties?.className);
      const text = toText(code).replace(/\n$/, "");
      const out = hl.codeToHast(text, { lang, themes, defaultColor: false });
      const highlighted = out.children.find((c): c is Element => c.type === "element" && c.tagName === "pre");
      if (!highlighted) continue;
      highlighted.properties = { ...highlighted.properties, dataCode: text, dataLanguage: lang };
      (parent.children as ElementContent[])[index] = highlighted;
    }
  };
}

function toText(node: ElementContent | Element): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(toText).join("");
  return "";
}
