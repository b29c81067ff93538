"use client";
// The editor panel: YAML and other text files in the session's workspace, the same folder the terminal
// works in (so `kubectl apply -f web.yaml` applies what is saved here).
import { useCallback, useEffect, useState } from "react";
import { csrfFetch } from "@/lib/auth/client";
import styles from "./lab.module.css";

type FileInfo = { path: string; size: number; modifiedAt: string };

export function Editor({ sessionId }: { sessionId: string }) {
  const [files, setFiles] = useState<FileInfo[]>([]);
  const [path, setPath] = useState("");
  const [content, setContent] = useState("");
  const [saved, setSaved] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/api/lab-sessions/${sessionId}/files`;

  const refresh = useCallback(async () => {
    const r = await fetch(base, { cache: "no-store" });
    if (r.ok) setFiles((await r.json()).files);
  }, [base]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function open(p: string) {
    const r = await fetch(`${base}?path=${encodeURIComponent(p)}`, { cache: "no-store" });
    const body = await r.json();
    if (!r.ok) return setMessage(body.error);
    setPath(p);
    setContent(body.content);
    setSaved(true);
    setMessage(null);
  }

  async function save() {
    const name = path.trim();
    if (!name) return setMessage("Give the file a name first, e.g. web.yaml.");
    const r = await csrfFetch(base, { method: "PUT", json: { path: name, content } });
    const body = await r.json();
    if (!r.ok) return setMessage(body.fields?.path ?? body.error);
    setSaved(true);
    setMessage(`Saved ${body.file.path}. Apply it in the terminal: kubectl apply -f ${body.file.path}`);
    void refresh();
  }

  return (
    <details className={styles.editor}>
      <summary>Editor (workspace files)</summary>
      <div className={styles.editorBar}>
        <label>
          <span className={styles.visuallyHidden}>Open a file</span>
          <select value="" onChange={(e) => e.target.value && open(e.target.value)} onFocus={refresh}>
            <option value="">Open a file…</option>
            {files.map((f) => (
              <option key={f.path} value={f.path}>
                {f.path}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className={styles.visuallyHidden}>File name</span>
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="file name, e.g. policy.yaml" spellCheck={false} />
        </label>
        <button type="button" onClick={save}>
          Save{saved ? "" : " *"}
        </button>
      </div>
      <label className={styles.visuallyHidden} htmlFor="editor-text">
        File contents
      </label>
      <textarea
        id="editor-text"
        className={styles.editorText}
        value={content}
        onChange={(e) => {
          setContent(e.target.value);
          setSaved(false);
        }}
        spellCheck={false}
        rows={16}
      />
      {message ? (
        <p className={styles.muted} role="status">
          {message}
        </p>
      ) : null}
    </details>
  );
}
