// Lessons in course order, their metadata, and a compiled lesson with TOC headings and prev/next.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getLesson, getLessonMeta, listLessons } from "./lessons";
import { getCourse } from "./outline";

process.env.CONTENT_CACHE_DIR ??= mkdtempSync(join(tmpdir(), "content-cache-"));

test("listLessons follows content/course.yaml's order, with front matter metadata", () => {
  const expected = getCourse().modules.flatMap((m) => m.lessons);
  const lessons = listLessons();
  assert.deepEqual(
    lessons.map((l) => l.id),
    expected,
  );
  for (const l of lessons) {
    assert.ok(l.title && l.summary && l.minutes > 0, `${l.id} lacks title, summary or minutes`);
  }
});

test("getLessonMeta is undefined for a lesson that is not in the course", () => {
  assert.equal(getLessonMeta("no-such-lesson"), undefined);
});

test("getLesson compiles a lesson with TOC headings and prev/next across modules", async () => {
  const order = getCourse().modules.flatMap((m) => m.lessons);
  const second = await getLesson(order[1]);
  assert.ok(second);
  assert.equal(second.prev?.id, order[0]);
  assert.equal(second.next?.id, order[2]);
  assert.ok(second.code.includes("_jsx_runtime"), "compiled code should use the JSX runtime global");
  assert.ok(second.headings.length > 3);
  assert.ok(second.headings.every((h) => /^[a-z0-9-]+$/.test(h.id)));
  const first = await getLesson(order[0]);
  assert.equal(first?.prev, undefined);
  const last = await getLesson(order[order.length - 1]);
  assert.equal(last?.next, undefined);
  assert.equal(await getLesson("no-such-lesson"), undefined);
});

test("a compiled lesson renders with its components: highlighted code and explicit heading ids", async () => {
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { createElement } = await import("react");
  const { mdxComponentFromCode } = await import("./mdx-runtime");
  const lesson = await getLesson("services");
  assert.ok(lesson);
  const Content = mdxComponentFromCode(lesson.code);
  // plain stand-ins: this test is about the compiled MDX, not the components' markup
  const stub = (name: string) => (props: { children?: unknown }) => createElement("div", { "data-component": name }, props.children as never);
  const components = Object.fromEntries(["Callout", "Diagram", "TryIt", "CheckQuestion", "Tabs", "Tab", "FaqList", "CodeBlock"].map((n) => [n, stub(n)]));
  const html = renderToStaticMarkup(createElement(Content, { components }));
  assert.match(html, /<h2 id="service-yaml">/);
  assert.match(html, /--shiki-light:/, "code fences should be highlighted at compile time");
  assert.match(html, /data-code="apiVersion: v1/, "the raw code is kept for the copy button");
});
