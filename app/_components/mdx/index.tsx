// The components lessons can use in MDX, by name. Typed against lib/content/mdx-components.ts so the
// list the content check validates and the list the renderer provides cannot drift apart.
import type { ComponentType } from "react";
import { getFaq } from "@/lib/content/faq";
import type { MdxComponentName } from "@/lib/content/mdx-components";
import { Callout } from "./Callout";
import { CheckQuestion } from "./CheckQuestion";
import { CodeBlock } from "./CodeBlock";
import { Diagram } from "./Diagram";
import { FaqList } from "./FaqList";
import { Tab, Tabs } from "./Tabs";
import { TryIt } from "./TryIt";

function FaqFromContent() {
  return <FaqList items={getFaq()} />;
}

const named: Record<MdxComponentName, ComponentType<any>> = {
  Callout,
  CheckQuestion,
  CodeBlock,
  Diagram,
  FaqList: FaqFromContent,
  Tab,
  Tabs,
  TryIt,
};

/** Passed to the compiled MDX: the named components plus `pre`, so every code fence gets a copy button. */
export const mdxComponents: Record<string, ComponentType<any>> = { ...named, pre: CodeBlock };
