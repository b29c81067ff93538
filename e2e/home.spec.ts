// The course home and the shell around every page: modules with their lessons, labs and quiz; the theme
// switch; keyboard use (skip link, focus, the account menu); a phone-sized screen; the health endpoint.
import { getCourse } from "../lib/content/outline";
import { expect, startGuest, test } from "./fixtures";

const course = getCourse();

test("home lists every module with its lessons, labs and quiz", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  const modules = page.getByRole("list", { name: "Course modules" }).getByRole("article");
  await expect(modules).toHaveCount(course.modules.length);
  for (const [i, m] of course.modules.entries()) {
    const card = modules.nth(i);
    await expect(card.getByRole("heading", { level: 2 })).toHaveText(m.title);
    for (const id of m.lessons) await expect(card.locator(`a[href="/lessons/${id}"]`)).toBeVisible();
    for (const id of m.labs) await expect(card.locator(`a[href="/labs/${id}"]`)).toBeVisible();
    await expect(card.locator(`a[href="/quizzes/${m.quiz}"]`)).toBeVisible();
  }
  await expect(page.locator(`a[href="/quizzes/${course.finalExam}"]`)).toBeVisible();
  await expect(page.getByText("Labs run on the embedded sandbox cluster")).toBeVisible();
});

test("signed-in learners see progress on each module", async ({ page }) => {
  await startGuest(page);
  await page.goto("/");
  const first = page.getByRole("list", { name: "Course modules" }).getByRole("article").first();
  await expect(first.getByRole("img", { name: /^0 of \d+ done$/ })).toBeVisible();
  await expect(first.getByText("Not started").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^Start with / })).toBeVisible();
});

test("theme switch flips light and dark and remembers the choice", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBg = await bg();
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await bg()).not.toBe(lightBg);
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark"); // rendered by the server from the cookie
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await bg()).toBe(lightBg);
});

test("the system's dark preference applies without a choice", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(15, 20, 25)");
});

test("keyboard: skip link, visible focus, account menu opens and closes", async ({ page }) => {
  await startGuest(page);
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  // Focus rings are drawn for keyboard focus.
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).toBe("solid");

  const menuButton = page.getByRole("button", { name: "Account menu for guest" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  await expect(menuButton).toHaveAttribute("aria-expanded", "true");
  const menuLink = page.getByRole("link", { name: "Sign up to keep your progress" });
  await expect(menuLink).toBeVisible();
  await page.keyboard.press("Tab"); // the menu follows its button in the tab order
  await expect(menuLink).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");
  await expect(menuButton).toBeFocused();
  await expect(menuLink).toBeHidden();
});

test("every control has an accessible name", async ({ page }) => {
  await startGuest(page);
  await page.goto("/");
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("a, button, input, select, textarea")]
      .filter((el) => {
        const label = el.getAttribute("aria-label") || el.textContent?.trim() || (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent);
        return !label;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
});

test("phone screen: no sideways scrolling, navigation reachable", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  for (const path of ["/", "/signin", "/signup"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "FAQ" })).toBeVisible();
  await ctx.close();
});

test("GET /api/health answers 200 with the database and lab backend", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", db: "ok", labBackend: "sandbox" });
  expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
