"use client";
// Shown when a page fails to render. Never a stack trace: the reference (Next's digest) matches the server
// log line that has the details.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="narrow">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Try again; if it keeps happening, tell the course administrator.</p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
      <button type="button" className="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
