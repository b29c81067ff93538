// The instructor dashboard in real Chromium: an admin sees a learner's lesson completion in the
// learners table and on the learner's page, sees that learner's live lab session (sandbox backend) and
// ends it after confirming; a learner, and a signed-out visitor, are refused.
import type { Browser, Page } from "@playwright/test";
import { csrfToken, expect, openTestDb, recordLesson, signUpViaApi, test } from "./fixtures";

const LESSON = "pod-network-model";
const LAB = "pod-ips";

/** A new browser context with a signed-up account, promoted to admin in the database when asked. */
async function account(browser: Browser, role: "learner" | "admin"): Promise<{ page: Page; email: string; id: string }> {
  const page = await (await browser.newContext()).newPage();
  const { user, email } = await signUpViaApi(page);
  if (role === "admin") {
    const db = openTestDb();
    try {
      db.prepare("UPDATE User SET role = 'admin' WHERE id = ?").run(user.id);
    } finally {
      db.close();
    }
  }
  return { page, email, id: user.id };
}

test("an admin sees a learner's progress and live lab session, and ends the session", async ({ browser }) => {
  test.setTimeout(120_000);
  const learner = await account(browser, "learner");
  await recordLesson(learner.page, LESSON, { completed: true });
  const started = await learner.page.request.post(`/api/labs/${LAB}/sessions`, { headers: { "x-csrf-token": (await csrfToken(learner.page)) ?? "" } });
  expect(started.ok(), await started.text()).toBeTruthy();
  const sessionId = ((await started.json()) as { session: { id: string } }).session.id;
  await expect
    .poll(async () => ((await (await learner.page.request.get(`/api/lab-sessions/${sessionId}`)).json()) as { session: { state: string } }).session.state, { timeout: 60_000 })
    .toBe("ready");

  const { page } = await account(browser, "admin");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Instructor dashboard" })).toBeVisible();
  await expect(page.getByText("Lab backend")).toBeVisible();
  await expect(page.getByRole("meter", { name: "Clusters in use" })).toBeVisible();

  // Server-side search through the form: the learner's row only, with one lesson completed.
  await page.getByRole("searchbox", { name: "Email or user id" }).fill(learner.email.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const table = page.getByRole("table", { name: /Learners 1–1 of 1/ });
  await expect(table).toBeVisible();
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: learner.email }) });
  await expect(row.getByRole("cell").nth(2)).toHaveText(/^1\/\d+$/); // lessons (joined, last activity, lessons, ...)

  // On a phone the table scrolls inside its own keyboard-focusable region; the page itself does not.
  await page.setViewportSize({ width: 375, height: 800 });
  const region = page.getByRole("region", { name: /Learners 1–1 of 1/ });
  await expect(region).toHaveAttribute("tabindex", "0");
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: test.info().outputPath("admin-phone-dark.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: "light" });

  await row.getByRole("link", { name: learner.email }).click();
  await expect(page.getByRole("heading", { level: 1, name: learner.email })).toBeVisible();
  const moduleTable = page.getByRole("table", { name: /The pod network model/ });
  await expect(moduleTable.getByRole("row", { name: /The pod network model.*Lesson.*completed/ })).toBeVisible();
  await expect(page.getByText(/Pod IPs and the flat network \(ready\)/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("admin-learner.png"), fullPage: true });

  // The live sessions page: the learner's session, ended after a confirmation step.
  await page.getByRole("navigation", { name: "Instructor" }).getByRole("link", { name: "Live lab sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Live lab sessions" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Update every 15 s" })).toBeChecked();
  const sessionRow = page.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(sessionRow.getByRole("rowheader")).toHaveText(learner.email);
  await expect(sessionRow).toContainText("Pod IPs and the flat network");
  await expect(sessionRow).toContainText("sandbox");
  await expect(sessionRow).toContainText("ready");
  await page.screenshot({ path: test.info().outputPath("admin-sessions.png"), fullPage: true });
  await sessionRow.getByRole("button", { name: /End session/ }).click();
  const confirm = sessionRow.getByRole("group", { name: /Confirm ending/ });
  await expect(confirm).toContainText("Their cluster and workspace are deleted.");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(sessionRow.getByRole("button", { name: /End session/ })).toBeFocused();
  await sessionRow.getByRole("button", { name: /End session/ }).click();
  await sessionRow.getByRole("button", { name: "Yes, end it" }).click();
  await expect(sessionRow).toHaveCount(0);

  const after = (await (await learner.page.request.get(`/api/lab-sessions/${sessionId}`)).json()) as { session: { state: string } };
  expect(after.session.state).toBe("ended");
  // Ending it again: the API says it already ended (CSRF checked like every other state change).
  const again = await page.request.post(`/api/admin/sessions/${sessionId}/end`, { headers: { "x-csrf-token": (await csrfToken(page)) ?? "" } });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: string }).error).toContain("already ended");
  const noToken = await page.request.post(`/api/admin/sessions/${sessionId}/end`);
  expect(noToken.status()).toBe(403);
});

test("a learner is refused the instructor pages and API; a signed-out visitor is sent to sign in", async ({ browser, page }) => {
  const learner = await account(browser, "learner");
  for (const path of ["/admin", "/admin/sessions", `/admin/learners/${learner.id}`]) {
    await learner.page.goto(path);
    await expect(learner.page.getByRole("heading", { level: 1, name: "Instructors only" })).toBeVisible();
    await expect(learner.page.getByRole("main").getByRole("alert")).toHaveText("This page is for instructors. Sign in with an admin account.");
    await expect(learner.page.getByRole("table")).toHaveCount(0);
  }
  const res = await learner.page.request.post("/api/admin/sessions/anything/end", { headers: { "x-csrf-token": (await csrfToken(learner.page)) ?? "" } });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: string }).error).toBe("This page is for instructors. Sign in with an admin account.");

  await page.goto("/admin/sessions");
  await expect(page).toHaveURL(/\/signin\?next=%2Fadmin%2Fsessions/);
});
