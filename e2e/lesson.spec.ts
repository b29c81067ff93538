// Reading a lesson end to end: a guest opens a lesson (TOC, highlighted code with a copy button,
// diagrams with text alternatives, answers hidden until asked), TryIt falls back to copying when no lab
// terminal is open and hands the command to one when there is, the page ships no terminal code, the
// learner marks the lesson complete and sees it on the course home ("Done", continue where you left off).
// The FAQ page lists all 50 questions, filters them, and anchors #q1..#q50.
import { expect, startGuest, test } from "./fixtures";

const LESSON = "pod-network-model";
const LESSON_TITLE = "The pod network model";

test("a guest reads a lesson, marks it complete and sees progress on the home page", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await startGuest(page);
  await page.goto(`/lessons/${LESSON}`);

  await expect(page.getByRole("heading", { level: 1, name: LESSON_TITLE })).toBeVisible();
  const toc = page.getByRole("complementary", { name: "On this page" });
  await expect(toc.getByRole("link", { name: "One IP per pod" })).toHaveAttribute("href", "#one-ip-per-pod");
  await expect(page.locator("h2#one-ip-per-pod")).toBeVisible();

  // code fences are highlighted at build time and have a copy button
  await expect(page.locator("pre.shiki").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy code to clipboard" }).first()).toBeVisible();
  // diagrams carry a text alternative
  await expect(page.getByRole("img", { name: /Inside a pod/ })).toBeVisible();
  // answers stay hidden until asked for
  const firstAnswer = page.locator("details", { hasText: "Show answer" }).first();
  await expect(firstAnswer).not.toHaveAttribute("open", "");
  await firstAnswer.locator("summary").click();
  await expect(firstAnswer).toHaveAttribute("open", "");

  // TryIt without a terminal: copies and says so
  const run = page.getByRole("button", { name: "Run in lab terminal: kubectl get pods -o wide", exact: true }).first();
  await run.click();
  await expect(page.getByRole("status").filter({ hasText: "No lab terminal is open" }).first()).toBeVisible();
  // ...and with a terminal listening for lab-terminal:run, hands the command over
  await page.evaluate(() => {
    window.addEventListener("lab-terminal:run", (e) => {
      e.preventDefault();
      (window as unknown as { ranCommand: string }).ranCommand = (e as CustomEvent<{ command: string }>).detail.command;
    });
  });
  await run.click();
  await expect(page.getByRole("status").filter({ hasText: "Sent to the lab terminal." }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { ranCommand?: string }).ranCommand)).toBe("kubectl get pods -o wide");

  // the lesson page ships no terminal code (xterm loads only on lab pages)
  const scripts = await page.$$eval("script[src]", (els) => els.map((e) => (e as HTMLScriptElement).src));
  for (const src of scripts) {
    const body = await (await page.request.get(src)).text();
    expect(body.includes("xterm-helper-textarea"), `${src} contains xterm`).toBe(false);
  }

  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByText("Lesson completed")).toBeVisible({ timeout: 30_000 });

  await page.goto("/");
  // the innermost list item holding the lesson's link (the module card around it holds it too)
  const item = page.locator("li", { has: page.getByRole("link", { name: LESSON_TITLE, exact: true }) }).last();
  await expect(item.getByText("Done", { exact: true })).toBeVisible();
  await expect(page.locator(".continue a", { hasText: LESSON_TITLE })).toHaveAttribute("href", new RegExp(`^/lessons/${LESSON}`));

  // completion survives a reload of the lesson
  await page.goto(`/lessons/${LESSON}`);
  await expect(page.getByText("Lesson completed")).toBeVisible();
});

test("the FAQ lists all 50 questions, filters them and anchors each one", async ({ page }) => {
  await page.goto("/faq#q12");
  await expect(page.getByRole("heading", { level: 1, name: "Frequently asked questions" })).toBeVisible();
  await expect(page.locator("li[id^=q]")).toHaveCount(50);
  await expect(page.locator("#q12")).toContainText("What is Kube-proxy?");
  await expect(page.locator("#q12")).toContainText("Expert note");
  await expect(page.locator("#q12 a", { hasText: "Learn more in the lesson" })).toHaveAttribute("href", "/lessons/kube-proxy-and-dns#kube-proxy");

  await page.getByLabel("Filter questions").fill("eBPF");
  await expect(page.getByText(/of 50 questions match/)).toBeVisible();
  await expect(page.locator("#q13")).toBeVisible();
  await expect(page.locator("#q3")).toBeHidden();
  // the question the URL points at stays visible whatever the filter
  await expect(page.locator("#q12")).toBeVisible();
});
