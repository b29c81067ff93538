import assert from "node:assert/strict";
import { test } from "node:test";
process.env.SESSION_SECRET = "test-secret-for-csrf-tests-0123456789abcdef";
delete process.env.PUBLIC_URL;
const { checkCsrf, csrfTokenFor } = await import("./csrf");
const { isHttpError } = await import("../server/http-error");

const session = { csrfSecret: "session-a-secret" };
const good = csrfTokenFor(session);
const stale = csrfTokenFor({ csrfSecret: "an-earlier-session" });

type Case = { name: string; method: string; headers: Record<string, string>; session: typeof session | null; want: "ok" | "csrf-origin" | "csrf-token" };
const base = { host: "course.example:3000" };
const cases: Case[] = [
  { name: "GET never checked", method: "GET", headers: { ...base, origin: "https://evil.example" }, session, want: "ok" },
  { name: "HEAD never checked", method: "HEAD", headers: base, session, want: "ok" },
  { name: "POST same origin, right token", method: "POST", headers: { ...base, origin: "http://course.example:3000", "x-csrf-token": good }, session, want: "ok" },
  { name: "DELETE same origin, right token", method: "DELETE", headers: { ...base, origin: "http://course.example:3000", "x-csrf-token": good }, session, want: "ok" },
  { name: "POST no token with a session", method: "POST", headers: { ...base, origin: "http://course.example:3000" }, session, want: "csrf-token" },
  { name: "POST another session's token", method: "POST", headers: { ...base, origin: "http://course.example:3000", "x-csrf-token": stale }, session, want: "csrf-token" },
  { name: "PUT garbage token", method: "PUT", headers: { ...base, "x-csrf-token": "x" }, session, want: "csrf-token" },
  { name: "POST cross-site origin, right token", method: "POST", headers: { ...base, origin: "https://evil.example", "x-csrf-token": good }, session, want: "csrf-origin" },
  { name: "POST other port is another origin", method: "POST", headers: { ...base, origin: "http://course.example:4000", "x-csrf-token": good }, session, want: "csrf-origin" },
  { name: "POST https origin to http server", method: "POST", headers: { ...base, origin: "https://course.example:3000", "x-csrf-token": good }, session, want: "csrf-origin" },
  { name: "POST behind https proxy", method: "POST", headers: { ...base, "x-forwarded-proto": "https", origin: "https://course.example:3000", "x-csrf-token": good }, session, want: "ok" },
  { name: "POST opaque origin", method: "POST", headers: { ...base, origin: "null", "x-csrf-token": good }, session, want: "csrf-origin" },
  { name: "POST no origin, cross-site fetch metadata", method: "POST", headers: { ...base, "sec-fetch-site": "cross-site", "x-csrf-token": good }, session, want: "csrf-origin" },
  { name: "POST no origin, foreign referer", method: "POST", headers: { ...base, referer: "https://evil.example/x", "x-csrf-token": good }, session, want: "csrf-origin" },
  { name: "POST no origin, own referer", method: "POST", headers: { ...base, referer: "http://course.example:3000/signin", "x-csrf-token": good }, session, want: "ok" },
  { name: "POST script without origin, with token", method: "POST", headers: { ...base, "x-csrf-token": good }, session, want: "ok" },
  { name: "sign-in without session: origin only", method: "POST", headers: { ...base, origin: "http://course.example:3000" }, session: null, want: "ok" },
  { name: "login CSRF refused", method: "POST", headers: { ...base, origin: "https://evil.example" }, session: null, want: "csrf-origin" },
  { name: "script without session or origin (guest start)", method: "POST", headers: base, session: null, want: "ok" },
];

test("CSRF decision table", () => {
  const wrong: string[] = [];
  for (const c of cases) {
    const headers = new Headers(c.headers);
    let got: string = "ok";
    try {
      checkCsrf({ method: c.method, url: "http://course.example:3000/api/x", headers }, c.session);
    } catch (err) {
      assert.ok(isHttpError(err), `${c.name}: threw a non-HTTP error`);
      assert.equal(err.status, 403);
      got = err.headers?.["x-error-code"] ?? "?";
    }
    if (got !== c.want) wrong.push(`${c.name}: got ${got}, want ${c.want}`);
  }
  assert.deepEqual(wrong, []);
});

test("PUBLIC_URL decides the expected origin when set", () => {
  process.env.PUBLIC_URL = "https://learn.example.org/";
  try {
    const h = (origin: string) => new Headers({ host: "127.0.0.1:3000", origin, "x-csrf-token": good });
    assert.doesNotThrow(() => checkCsrf({ method: "POST", url: "http://127.0.0.1:3000/x", headers: h("https://learn.example.org") }, session));
    assert.throws(() => checkCsrf({ method: "POST", url: "http://127.0.0.1:3000/x", headers: h("http://127.0.0.1:3000") }, session), /another site/);
  } finally {
    delete process.env.PUBLIC_URL;
  }
});
