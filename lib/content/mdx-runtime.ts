// Turns a compiled lesson's code (mdx-bundler output) into a React component, once per code string.
// The code is our own build output (never user input); it expects React and the JSX runtime in scope
// under the names mdx-bundler's globals use.
import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";
import type { ComponentType } from "react";

export type MdxContentProps = { components?: Record<string, ComponentType<any>> };

const evaluated = new Map<string, ComponentType<MdxContentProps>>();

export function mdxComponentFromCode(code: string): ComponentType<MdxContentProps> {
  let component = evaluated.get(code);
  if (!component) {
    const fn = new Function("React", "ReactDOM", "_jsx_runtime", code);
    component = (fn(React, ReactDOM, jsxRuntime) as { default: ComponentType<MdxContentProps> }).default;
    evaluated.set(code, component);
  }
  return component;
}
