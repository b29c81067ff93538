// /admin: the instructor's overview (learners, guests, who was active this week, live lab sessions by
// state, cluster capacity and the backend) and the learners table with search, filter and paging in
// the query string (?q=&show=&page=), computed on the server.
import type { Metadata } from "next";
import Link from "next/link";
import { adminPageUser } from "@/lib/admin/access";
import { getCapacity, type Capacity } from "@/lib/admin/capacity";
import { formatDate, formatDuration, formatPercent, learnerLabel } from "@/lib/admin/format";
import { learnerQueryString, listLearners, parseLearnerQuery, type LearnersPage } from "@/lib/admin/learners";
import { getOverview, type Overview } from "@/lib/admin/overview";
import { getCourse } from "@/lib/content/outline";
import { getDb } from "@/lib/db/client";
import { Forbidden } from "./_components/Forbidden";
import { TimeAt } from "./_components/TimeAt";
import styles from "./admin.module.css";

export const metadata: Metadata = { title: "Instructor dashboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  const query = parseLearnerQuery(await searchParams);
  const admin = await adminPageUser(`/admin${learnerQueryString(query)}`);
  if (!admin) return <Forbidden />;
  const db = getDb();
  const course = getCourse();
  const now = new Date();
  const [overview, capacity, learners] = await Promise.all([getOverview(db, now), getCapacity(), listLearners(db, course, query)]);
  return (
    <>
      <h1>Instructor dashboard</h1>
      <OverviewCards overview={overview} capacity={capacity} />
      <Learners page={learners} now={now} />
    </>
  );
}

function Card({ label, value, note, wide }: { label: string; value: string | number; note?: React.ReactNode; wide?: boolean }) {
  return (
    <li className={`${styles.card} ${wide ? styles.wide : ""}`}>
      <p className={styles.cardLabel}>{label}</p>
      <p className={styles.cardValue}>{value}</p>
      {note ? <div className={styles.cardNote}>{note}</div> : null}
    </li>
  );
}

function OverviewCards({ overview: o, capacity: c }: { overview: Overview; capacity: Capacity }) {
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">Overview</h2>
      <ul className={styles.cards}>
        <Card label="Learners with accounts" value={o.learners} />
        <Card label="Guests" value={o.guests} />
        <Card label="Active in the last 7 days" value={o.activeLast7Days} note="accounts and guests" />
        <Card
          label="Lab sessions live now"
          value={o.liveTotal}
          note={
            <>
              {o.liveSessions.ready} ready, {o.liveSessions.provisioning} provisioning, {o.liveSessions.queued} queued ·{" "}
              <Link href="/admin/sessions">See them</Link>
            </>
          }
        />
        {c.ok ? (
          <>
            <Card
              label="Cluster capacity"
              value={`${c.clusters} / ${c.max}`}
              note={
                <>
                  <div
                    className={styles.meter}
                    role="meter"
                    aria-label="Clusters in use"
                    aria-valuemin={0}
                    aria-valuemax={c.max}
                    aria-valuenow={c.clusters}
                    aria-valuetext={`${c.clusters} of ${c.max} clusters`}
                  >
                    <div className={`${styles.meterFill} ${c.clusters >= c.max ? styles.meterFull : ""}`} style={{ width: `${c.max ? Math.min(100, (c.clusters / c.max) * 100) : 0}%` }} />
                  </div>
                  <p className={styles.cardNote}>
                    {c.warm} warm in the pool, {c.queued} learner{c.queued === 1 ? "" : "s"} queued
                  </p>
                </>
              }
            />
            <Card label="Lab backend" value={c.backend} note={<>Why: {c.reason}. Idle sessions end after {formatDuration(c.idleMs)}.</>} />
          </>
        ) : (
          <li className={`${styles.card} ${styles.wide}`}>
            <p className={styles.cardLabel}>Cluster capacity and lab backend</p>
            <p className={styles.error} role="alert">
              {c.error}
            </p>
          </li>
        )}
      </ul>
    </section>
  );
}

function Learners({ page, now }: { page: LearnersPage; now: Date }) {
  const { query, rows, total, pages } = page;
  const course = getCourse();
  const first = total === 0 ? 0 : (query.page - 1) * page.pageSize + 1;
  const last = (query.page - 1) * page.pageSize + rows.length;
  const moduleTitle = new Map(course.modules.map((m) => [m.id, m.title]));
  return (
    <section aria-labelledby="learners-heading">
      <h2 id="learners-heading">Learners</h2>
      <form method="get" action="/admin" className={styles.search} role="search" aria-label="Learners">
        <label>
          Email or user id
          <input type="search" name="q" defaultValue={query.q} placeholder="e.g. ada@ or example.com" autoComplete="off" />
        </label>
        <label>
          Show
          <select name="show" defaultValue={query.show}>
            <option value="all">Accounts and guests</option>
            <option value="accounts">Accounts only</option>
            <option value="guests">Guests only</option>
          </select>
        </label>
        <button type="submit" className="button button-small">
          Search
        </button>
        {query.q || query.show !== "all" ? <Link href="/admin">Clear</Link> : null}
      </form>
      <div className={styles.tableWrap} role="region" aria-labelledby="learners-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption id="learners-caption">
            Learners {total ? `${first}–${last} of ${total}` : ""}
            {query.q ? ` matching “${query.q}”` : ""}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Joined</th>
              <th scope="col">Last activity</th>
              <th scope="col" className={styles.num}>
                Lessons
              </th>
              <th scope="col" className={styles.num}>
                Labs
              </th>
              <th scope="col" className={styles.num}>
                Hints
              </th>
              <th scope="col">Quiz best (mastery)</th>
              <th scope="col" className={styles.num}>
                Final exam
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className={styles.empty}>
                  {query.q || query.show !== "all" ? "No learner matches this search." : "No learners yet."}
                </td>
              </tr>
            ) : (
              rows.map((r) => {
                const taken = r.quizzes.filter((q) => q.bestPercent !== null);
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`/admin/learners/${r.id}`}>{learnerLabel(r)}</Link>
                      {r.isGuest ? <span className="muted"> ({r.id.slice(-6)})</span> : null}
                    </th>
                    <td className={styles.nowrap}>{formatDate(r.createdAt)}</td>
                    <td className={styles.nowrap}>
                      <TimeAt at={r.lastActiveAt} now={now} relative />
                    </td>
                    <td className={styles.num}>
                      {r.lessons.done}/{r.lessons.total}
                    </td>
                    <td className={styles.num}>
                      {r.labs.done}/{r.labs.total}
                    </td>
                    <td className={styles.num}>{r.hintsUsed}</td>
                    <td>
                      {taken.length === 0 ? (
                        <span className="muted">none yet</span>
                      ) : (
                        <ul className={styles.chips}>
                          {taken.map((q) => {
                            const mastery = r.mastery.find((m) => m.moduleId === q.moduleId)?.percent ?? null;
                            return (
                              <li key={q.quizId} className={styles.chip}>
                                {moduleTitle.get(q.moduleId ?? "") ?? q.quizId}: {formatPercent(q.bestPercent)}
                                {mastery !== null && mastery !== q.bestPercent ? ` (${formatPercent(mastery)})` : ""}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </td>
                    <td className={styles.num}>{formatPercent(r.finalExam)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Learner pages" className={styles.pager}>
          {query.page > 1 ? (
            <Link href={`/admin${learnerQueryString({ ...query, page: query.page - 1 })}`} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span aria-disabled="true">← Previous</span>
          )}
          <span aria-current="page">
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link href={`/admin${learnerQueryString({ ...query, page: query.page + 1 })}`} rel="next">
              Next →
            </Link>
          ) : (
            <span aria-disabled="true">Next →</span>
          )}
        </nav>
      ) : null}
    </section>
  );
}
