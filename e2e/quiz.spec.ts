// Quizzes in a real browser: a module quiz in practice mode (feedback after each answer, kept across a
// reload), the final exam (nothing revealed until submit, then the full review), a timed exam's countdown,
// mastery on the home page afterwards, and the JSON API's rules over HTTP. Each test starts its own guest.
import type { Page } from "@playwright/test";
import { expect as baseExpect, startGuest, test } from "./fixtures";

// Grading round-trips and first page compiles can be slow on a busy 2-core CI machine.
const expect = baseExpect.configure({ timeout: 20_000 });
test.setTimeout(120_000);

const question = (page: Page, n: number) => page.locator("fieldset[data-question]").nth(n);

test("practice quiz: feedback after each answer, resumable, then a review and mastery on the home page", async ({ page }) => {
  await startGuest(page);
  await page.goto("/quizzes");
  await page.getByRole("link", { name: "Practice: The pod network model" }).click();
  await page.getByRole("button", { name: "Start", exact: true }).click();

  // Question 1 asks which Linux feature isolates a Pod's networking: answer it right.
  const q1 = question(page, 0);
  await expect(q1.locator("legend")).toContainText("Question 1 of");
  await expect(q1.locator("[data-feedback]")).toHaveCount(0);
  await q1.getByLabel("A network namespace").check();
  await q1.getByRole("button", { name: "Check answer" }).click();
  await expect(q1.locator("[data-feedback]")).toHaveAttribute("data-feedback", "correct");
  await expect(q1.getByText("Correct", { exact: true })).toBeVisible();
  await expect(q1.getByRole("link", { name: /Read the lesson section/ })).toHaveAttribute("href", /^\/lessons\/pod-network-model#/);
  await expect(q1.getByLabel("A network namespace")).toBeDisabled();

  // Question 2: a wrong answer gets the right one pointed out and the explanation.
  const q2 = question(page, 1);
  await q2.getByLabel(/kube-proxy, which re-creates/).check();
  await q2.getByRole("button", { name: "Check answer" }).click();
  await expect(q2.locator("[data-feedback]")).toHaveAttribute("data-feedback", "incorrect");
  await expect(q2.getByText("✓ Correct answer")).toBeVisible();
  await expect(q2.getByText(/pause container/).first()).toBeVisible();
  // Nothing is revealed for questions not answered yet.
  await expect(question(page, 2).locator("[data-feedback]")).toHaveCount(0);

  // A reload resumes the same attempt with its answers and feedback.
  await page.reload();
  await expect(page.getByText(/^2 of \d+ answered$/)).toBeVisible();
  await expect(question(page, 0).locator("[data-feedback]")).toHaveAttribute("data-feedback", "correct");
  await expect(question(page, 0).getByLabel("A network namespace")).toBeChecked();

  await page.getByRole("button", { name: "Finish and see results" }).click();
  await page.getByRole("button", { name: "Yes, submit" }).click();
  await expect(page.getByRole("heading", { name: /^Review: Practice: The pod network model/ })).toBeVisible();
  await expect(page.getByTestId("attempt-score")).toHaveText(/^\d+%$/);
  await expect(page.getByText(/^1 of \d+ fully correct/)).toBeVisible();
  const total = await page.locator("fieldset[data-question]").count();
  expect(total).toBeGreaterThanOrEqual(12);
  await expect(page.locator("[data-feedback]")).toHaveCount(total);

  await page.goto("/quizzes/history");
  await expect(page.getByRole("cell", { name: /Practice: The pod network model/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^\d+% \(1 \/ \d+\)$/ })).toBeVisible();

  await page.goto("/");
  await expect(page.getByText(/Mastery \d+%/).first()).toBeVisible();
});

test("final exam: answers saved without feedback, nothing shown until submit, then the full review", async ({ page }) => {
  await startGuest(page);
  await page.goto("/quizzes/final-exam");
  await page.getByLabel(/Timed/).uncheck();
  await page.getByRole("button", { name: "Start the exam" }).click();
  await expect(page.locator("fieldset[data-question]")).toHaveCount(25);
  await expect(page.getByRole("timer")).toHaveCount(0);

  // Answer the first three questions, whatever their type.
  for (let i = 0; i < 3; i++) {
    const q = question(page, i);
    if (await q.locator("input[type=radio], input[type=checkbox]").count()) {
      await q.locator("label").first().click();
    } else {
      await q.getByLabel(/Your answer/).fill("42");
      await q.getByRole("button", { name: "Save answer" }).click();
    }
    await expect(q.getByText("Saved")).toBeVisible();
  }
  await expect(page.getByText("3 of 25 answered")).toBeVisible();
  await expect(page.locator("[data-feedback]")).toHaveCount(0);
  await expect(page.getByText("✓ Correct answer")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Check answer" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByText("3 of 25 answered")).toBeVisible();
  await expect(page.locator("[data-feedback]")).toHaveCount(0);

  await page.getByRole("button", { name: "Submit the exam" }).click();
  await expect(page.getByText("22 questions are not answered")).toBeVisible();
  await page.getByRole("button", { name: "Yes, submit" }).click();
  await expect(page.getByRole("heading", { name: "Review: Final exam" })).toBeVisible();
  await expect(page.locator("[data-feedback]")).toHaveCount(25);
  await expect(page.getByText("Not answered")).toHaveCount(22);
  await expect(page.getByRole("link", { name: /Read (the lesson section|FAQ #\d+)/ })).toHaveCount(25);
});

test("a timed exam shows its countdown", async ({ page }) => {
  await startGuest(page);
  await page.goto("/quizzes/final-exam");
  await expect(page.getByLabel(/Timed: 30 minutes/)).toBeChecked();
  await page.getByRole("button", { name: "Start the exam" }).click();
  await expect(page.getByRole("timer")).toHaveText(/⏱ (30:00|29:\d\d)/);
});

test("the JSON API: session and CSRF required, no answers before grading, clear 4xx errors, submit counts once", async ({ playwright, baseURL }) => {
  const alice = await playwright.request.newContext({ baseURL });
  const bob = await playwright.request.newContext({ baseURL });
  expect((await alice.get("/api/quizzes")).status()).toBe(401);
  const token = async (ctx: typeof alice) => ((await (await ctx.post("/api/auth/guest")).json()) as { csrfToken: string }).csrfToken;
  const ta = await token(alice);
  const tb = await token(bob);
  const post = (ctx: typeof alice, t: string, path: string, data?: unknown) => ctx.post(path, { headers: { "x-csrf-token": t }, data: data ?? {} });

  const list = await alice.get("/api/quizzes");
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { quizzes: unknown[] }).quizzes).toHaveLength(6);
  const quiz = await (await alice.get("/api/quizzes/module-services")).text();
  expect(quiz).not.toMatch(/"(correct|correctAnswer|accepted|explanation|answer)"/);
  const unknown = await alice.get("/api/quizzes/no-such-quiz");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["x-error-code"]).toBe("quiz_not_found");

  expect((await alice.post("/api/quizzes/module-services/attempts", { data: {} })).status()).toBe(403); // no CSRF token
  const started = await post(alice, ta, "/api/quizzes/module-services/attempts");
  expect(started.status()).toBe(201);
  const state = (await started.json()) as { attempt: { id: string }; questions: { id: string; type: string }[] };
  expect(JSON.stringify(state)).not.toMatch(/"(correct|correctAnswer|accepted|explanation|feedback)"/);
  const base = `/api/quizzes/module-services/attempts/${state.attempt.id}`;
  const tf = state.questions.find((q) => q.type === "truefalse")!;

  const wrongType = await post(alice, ta, `${base}/answers`, { questionId: tf.id, response: "yes" });
  expect(wrongType.status()).toBe(400);
  expect(wrongType.headers()["x-error-code"]).toBe("invalid_answer");
  expect(((await wrongType.json()) as { error: string }).error).toContain(tf.id);
  const notInAttempt = await post(alice, ta, `${base}/answers`, { questionId: "faq-cni-acronym", response: "x" });
  expect(notInAttempt.status()).toBe(400);
  const stolen = await post(bob, tb, `${base}/answers`, { questionId: tf.id, response: true });
  expect(stolen.status()).toBe(404);
  expect((await bob.get(base)).status()).toBe(404);
  expect(((await (await alice.get(base)).json()) as { answeredCount: number }).answeredCount).toBe(0);

  const answered = await post(alice, ta, `${base}/answers`, { questionId: tf.id, response: true });
  expect(answered.status()).toBe(200);
  const fb = ((await answered.json()) as { feedback: Record<string, { explanation: string; link: { href: string } }> }).feedback[tf.id];
  expect(fb.explanation.length).toBeGreaterThan(20);
  expect(fb.link.href).toMatch(/^\/lessons\//);

  const first = await post(alice, ta, `${base}/submit`);
  const again = await post(alice, ta, `${base}/submit`);
  expect(first.status()).toBe(200);
  expect(await again.json()).toEqual(await first.json());
  const late = await post(alice, ta, `${base}/answers`, { questionId: state.questions[0].id, response: "o1" });
  expect(late.status()).toBe(409);
  expect(late.headers()["x-error-code"]).toBe("attempt_submitted");
  const summary = ((await (await alice.get("/api/quizzes")).json()) as { quizzes: { id: string; attempts: number }[] }).quizzes.find((q) => q.id === "module-services")!;
  expect(summary.attempts).toBe(1);
  await alice.dispose();
  await bob.dispose();
});
