// Accounts in a real browser: sign up, sign out, sign in, guest start, a guest claiming an account with
// their progress, field errors for bad input, expired and tampered sessions, cookie attributes, CSRF and
// rate limits as a browser meets them.
import { getCourse } from "../lib/content/outline";
import { csrfToken, expect, me, openTestDb, PASSWORD, recordLesson, signUpViaApi, startGuest, test, uniqueEmail } from "./fixtures";

const firstLesson = getCourse().modules[0].lessons[0];
const header = (page: import("@playwright/test").Page) => page.getByRole("banner");

test("sign up, sign out, sign in", async ({ page }) => {
  const email = uniqueEmail("ada");
  await page.goto("/signup");
  await page.getByLabel("Name (optional)").fill("Ada");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/");
  await expect(header(page).getByRole("button", { name: "Account menu for Ada" })).toBeVisible();
  expect((await me(page)).user).toMatchObject({ email, isGuest: false, role: "learner" });

  await header(page).getByRole("button", { name: "Account menu for Ada" }).click();
  await header(page).getByRole("button", { name: "Sign out" }).click();
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await me(page)).user).toBeNull();

  await header(page).getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/signin");
  await page.getByLabel("Email").fill(email.toUpperCase()); // emails are case-insensitive
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL("/");
  await expect(header(page).getByRole("button", { name: "Account menu for Ada" })).toBeVisible();
});

test("continue as guest from the home page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Start as a guest" }).click();
  await expect(header(page).getByRole("button", { name: "Account menu for guest" })).toBeVisible();
  const who = await me(page);
  expect(who.user).toMatchObject({ isGuest: true, email: null });
  // Starting again from the same browser keeps the same guest.
  const again = await startGuest(page);
  expect(again.user.id).toBe(who.user!.id);
});

test("a guest who signs up keeps their progress", async ({ page }) => {
  const guest = await startGuest(page);
  await recordLesson(page, firstLesson, { anchor: "one-ip-per-pod", completed: true });
  await page.goto("/");
  await expect(page.locator(`a[href="/lessons/${firstLesson}#one-ip-per-pod"]`)).toBeVisible(); // continue where you left off
  await expect(page.getByRole("listitem").filter({ has: page.locator(`a[href="/lessons/${firstLesson}"]`) }).getByText("Done", { exact: true })).toBeVisible();

  const guestCookie = (await page.context().cookies()).find((c) => c.name === "kna_session")!.value;
  await header(page).getByRole("button", { name: "Account menu for guest" }).click();
  await header(page).getByRole("link", { name: "Sign up to keep your progress" }).click();
  await expect(page.getByText("Sign up and everything you have done so far stays with your new account.")).toBeVisible();
  const email = uniqueEmail("claim");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/");

  const who = await me(page);
  expect(who.user).toMatchObject({ id: guest.user.id, email, isGuest: false });
  // The session was rotated: a new cookie, and the guest's old one no longer signs anyone in.
  const accountCookie = (await page.context().cookies()).find((c) => c.name === "kna_session")!.value;
  expect(accountCookie).not.toBe(guestCookie);
  const old = await page.request.get("/api/auth/me", { headers: { cookie: `kna_session=${guestCookie}` } });
  expect((await old.json()).session).toBe("invalid");
  await expect(page.locator(`a[href="/lessons/${firstLesson}#one-ip-per-pod"]`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ has: page.locator(`a[href="/lessons/${firstLesson}"]`) }).getByText("Done", { exact: true })).toBeVisible();

  // The claim survives signing out and in again.
  await page.request.post("/api/auth/signout", { headers: { "x-csrf-token": (await csrfToken(page))! } });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator(`a[href="/lessons/${firstLesson}#one-ip-per-pod"]`)).toBeVisible();
});

test("bad input gets field errors and loses nothing typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");

  // A duplicate account: the server's answer shows under the email field.
  const taken = uniqueEmail("taken");
  const other = await page.context().browser()!.newContext();
  await signUpViaApi(await other.newPage(), taken);
  await other.close();
  await page.getByLabel("Email").fill(taken);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead, or use another email.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);

  // Wrong password and unknown email read the same.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(taken);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const wrong = page.getByRole("alert").filter({ hasText: "The email or password is not right. Check both and try again." });
  await expect(wrong).toBeVisible();
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(wrong).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveValue("not the password at all");
});

test("session cookie: httpOnly, SameSite=Lax, Secure only behind https", async ({ page, context, playwright, baseURL }) => {
  await startGuest(page);
  const cookie = (await context.cookies()).find((c) => c.name === "kna_session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  await page.goto("/");
  expect(await page.evaluate(() => document.cookie)).not.toContain("kna_session");

  const fresh = await playwright.request.newContext({ baseURL });
  const viaProxy = await fresh.post("/api/auth/guest", { headers: { "x-forwarded-proto": "https" } });
  await fresh.dispose();
  expect(viaProxy.status()).toBe(201);
  expect(viaProxy.headers()["set-cookie"]).toMatch(/kna_session=[^;]+;.*HttpOnly.*/i);
  expect(viaProxy.headers()["set-cookie"]).toMatch(/;\s*Secure/i);
});

test("a tampered cookie reads as signed out; an expired session sends you to sign in", async ({ page, context }) => {
  const { user } = await signUpViaApi(page);
  const cookie = (await context.cookies()).find((c) => c.name === "kna_session")!;
  const [secret, sig] = cookie.value.split(".");
  await context.addCookies([{ ...cookie, value: `${secret}.${sig.slice(1)}x` }]);
  expect(await me(page)).toEqual({ user: null, session: "invalid" });
  await page.goto("/");
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();

  await context.addCookies([cookie]);
  expect((await me(page)).session).toBe("active");
  const db = openTestDb();
  try {
    db.prepare(`UPDATE "Session" SET "expiresAt" = ? WHERE "userId" = ?`).run("2020-01-01T00:00:00.000+00:00", user.id);
  } finally {
    db.close();
  }
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount&reason=expired/);
  await expect(page.getByText("Your session has expired. Sign in again to carry on.")).toBeVisible();
  const api = await page.request.post(`/api/progress/lessons/${firstLesson}`, { data: {} });
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ error: expect.stringMatching(/not signed in|expired/) });
});

test("state-changing requests need this site's origin and the session's token", async ({ page, baseURL }) => {
  const { csrfToken: token } = await startGuest(page);
  const post = (headers: Record<string, string>) => page.request.post(`/api/progress/lessons/${firstLesson}`, { data: {}, headers });
  expect((await post({ "x-csrf-token": token, origin: baseURL! })).status()).toBe(200);
  const noToken = await post({ origin: baseURL! });
  expect(noToken.status()).toBe(403);
  expect((await noToken.json()).error).toMatch(/Reload the page and try again/);
  const crossSite = await post({ "x-csrf-token": token, origin: "https://evil.example" });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error).toMatch(/came from another site/);
});

test("too many failed sign-ins for one email get a 429 that says how long to wait", async ({ page }) => {
  const email = uniqueEmail("target");
  let last = await page.request.post("/api/auth/signin", { data: { email, password: "guess number 0" } });
  for (let i = 1; i <= 8; i++) last = await page.request.post("/api/auth/signin", { data: { email, password: `guess number ${i}` } });
  expect(last.status()).toBe(429);
  expect(last.headers()["retry-after"]).toMatch(/^\d+$/);
  expect((await last.json()).error).toMatch(/^Too many failed sign-in attempts for this email\. Wait \d+ (minutes|seconds) and try again\.$/);
});

test("errors never show a stack trace", async ({ page }) => {
  const res = await page.request.post("/api/auth/signin", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  expect(res.status()).toBe(400);
  const text = await res.text();
  expect(text).toBe(JSON.stringify({ error: "The request body is not valid JSON." }));
  expect(text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
});
