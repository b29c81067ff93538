// Where to go after signing in: only a path on this site ("/lessons/x"), never "//evil.example" or a full
// URL (an open redirect would let a phishing link bounce through our sign-in page).
export function safeNext(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f]/.test(raw)) return fallback;
  return raw;
}
