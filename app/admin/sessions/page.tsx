// /admin/sessions: every live lab session (queued, provisioning, ready) with its learner, lab, backend,
// state or step, age, idle time and when it ends, and an "End session" action that asks first.
import type { Metadata } from "next";
import Link from "next/link";
import { adminPageUser } from "@/lib/admin/access";
import { getCapacity } from "@/lib/admin/capacity";
import { formatDuration } from "@/lib/admin/format";
import { listLiveSessions } from "@/lib/admin/sessions";
import { getDb } from "@/lib/db/client";
import { labTitle } from "@/lib/progress/titles";
import { limitsFromEnv } from "@/lib/sessions/service";
import { Forbidden } from "../_components/Forbidden";
import { TimeAt } from "../_components/TimeAt";
import styles from "../admin.module.css";
import { AutoRefresh } from "./AutoRefresh";
import { EndSessionButton } from "./EndSessionButton";

export const metadata: Metadata = { title: "Live lab sessions" };

export default async function SessionsPage() {
  const admin = await adminPageUser("/admin/sessions");
  if (!admin) return <Forbidden />;
  const capacity = await getCapacity();
  const now = new Date();
  const rows = await listLiveSessions(getDb(), { idleMs: capacity.ok ? capacity.idleMs : limitsFromEnv().idleMs }, now);
  return (
    <>
      <div className={styles.heading}>
        <h1>Live lab sessions</h1>
        <div className={styles.actions}>
          <AutoRefresh />
          <Link href="/admin/sessions" prefetch={false}>
            Refresh
          </Link>
        </div>
      </div>
      {capacity.ok ? (
        <p>
          Backend <strong>{capacity.backend}</strong> ({capacity.reason}): {capacity.clusters} of {capacity.max} clusters in use, {capacity.warm} warm, {capacity.queued} queued.
        </p>
      ) : (
        <p className={styles.error} role="alert">
          {capacity.error}
        </p>
      )}
      <div className={styles.tableWrap} role="region" aria-labelledby="sessions-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption id="sessions-caption">
            {rows.length} live lab session{rows.length === 1 ? "" : "s"}, oldest first (as of <TimeAt at={now} />)
          </caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Lab</th>
              <th scope="col">Backend</th>
              <th scope="col">State</th>
              <th scope="col" className={styles.num}>
                Age
              </th>
              <th scope="col" className={styles.num}>
                Idle
              </th>
              <th scope="col">Ends</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className={styles.empty}>
                  No lab sessions are running right now.
                </td>
              </tr>
            ) : (
              rows.map((r) => {
                const lab = labTitle(r.labId);
                return (
                  <tr key={r.id} data-session-id={r.id}>
                    <th scope="row">
                      <Link href={`/admin/learners/${r.learner.id}`}>{r.learner.label}</Link>
                    </th>
                    <td>{lab}</td>
                    <td>
                      {r.backend}
                      {r.clusterName && r.clusterName !== r.id ? <div className="muted">{r.clusterName}</div> : null}
                    </td>
                    <td>
                      <span className={`${styles.state} ${r.state === "ready" ? styles.stateReady : ""}`}>{r.state}</span>
                      {r.step && r.step !== r.state && r.state !== "ready" ? <div className="muted">{r.step}</div> : null}
                    </td>
                    <td className={styles.num}>{formatDuration(r.ageMs)}</td>
                    <td className={styles.num}>{r.state === "ready" ? formatDuration(r.idleMs) : "—"}</td>
                    <td className={styles.nowrap}>
                      {r.endsAt ? (
                        <>
                          <TimeAt at={r.endsAt} now={now} relative />
                          <div className="muted">{r.endsBecause === "idle" ? "idle limit" : "time limit"}</div>
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className={styles.nowrap}>
                      <EndSessionButton id={r.id} what={`${lab} for ${r.learner.label}`} />
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
