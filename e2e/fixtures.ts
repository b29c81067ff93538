// Shared helpers for the browser tests. Usage:
//
//   import { test, expect, startGuest, signUpViaApi, csrfToken, uniqueEmail, openTestDb } from "./fixtures";
//   test("x", async ({ page }) => { await startGuest(page); await page.goto("/"); ... });
//
// page.request shares the browser context's cookies, so a session started through the API is the page's
// session too. openTestDb() opens the run's throw-away SQLite file (playwright.config.ts sets E2E_DB) for
// assertions and for setting up states a browser cannot reach (an expired session).
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { expect, test, type APIResponse, type Page } from "@playwright/test";

export { expect, test };

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(tag = "learner"): string {
  return `${tag}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.com`;
}

async function ok(res: APIResponse, what: string): Promise<unknown> {
  expect(res.ok(), `${what} answered ${res.status()}: ${await res.text()}`).toBeTruthy();
  return res.json();
}

export type ApiUser = { id: string; email: string | null; isGuest: boolean; role: string };

/** Starts a guest session for the page's browser context; returns the user and its CSRF token. */
export async function startGuest(page: Page): Promise<{ user: ApiUser; csrfToken: string }> {
  return (await ok(await page.request.post("/api/auth/guest"), "POST /api/auth/guest")) as { user: ApiUser; csrfToken: string };
}

export async function signUpViaApi(page: Page, email = uniqueEmail(), password = PASSWORD): Promise<{ user: ApiUser; csrfToken: string; email: string }> {
  const token = await csrfToken(page);
  const body = (await ok(
    await page.request.post("/api/auth/signup", { data: { email, password }, headers: token ? { "x-csrf-token": token } : {} }),
    "POST /api/auth/signup",
  )) as { user: ApiUser; csrfToken: string };
  return { ...body, email };
}

/** The CSRF token of the context's current session (null when signed out). */
export async function csrfToken(page: Page): Promise<string | null> {
  const body = (await ok(await page.request.get("/api/auth/csrf"), "GET /api/auth/csrf")) as { csrfToken: string | null };
  return body.csrfToken;
}

export async function me(page: Page): Promise<{ user: ApiUser | null; session: string }> {
  return (await ok(await page.request.get("/api/auth/me"), "GET /api/auth/me")) as { user: ApiUser | null; session: string };
}

/** Records a lesson visit (or completion) for the current session, as lesson pages do. */
export async function recordLesson(page: Page, lessonId: string, body: { anchor?: string; completed?: boolean } = {}): Promise<void> {
  const token = await csrfToken(page);
  await ok(await page.request.post(`/api/progress/lessons/${lessonId}`, { data: body, headers: { "x-csrf-token": token ?? "" } }), `POST /api/progress/lessons/${lessonId}`);
}

export function openTestDb(): Database.Database {
  const file = process.env.E2E_DB;
  if (!file) throw new Error("E2E_DB is not set: run the browser tests through playwright.config.ts");
  return new Database(file);
}
