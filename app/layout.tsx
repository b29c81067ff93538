// The shell around every page: skip link, header (course title, navigation, theme switch, account menu),
// main content, footer. Renders the session's CSRF token into <meta name="csrf-token"> for csrfFetch()
// (lib/auth/client.ts) and the theme from the kna_theme cookie onto <html data-theme>.
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { csrfTokenFor } from "@/lib/auth/csrf";
import { getCurrentSession } from "@/lib/auth/session";
import { getCourse } from "@/lib/content/outline";
import { labBackend } from "@/lib/server/backend";
import { AccountMenu, type MenuUser } from "./_shell/AccountMenu";
import { ThemeToggle } from "./_shell/ThemeToggle";
import "./globals.css";

export function generateMetadata(): Metadata {
  const title = getCourse().title;
  return {
    title: { default: title, template: `%s · ${title}` },
    description: "A self-paced course on Kubernetes networking with labs where you run real kubectl against your own cluster.",
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1419" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [session, jar, backend] = await Promise.all([getCurrentSession(), cookies(), labBackend().catch(() => null)]);
  const themeCookie = jar.get("kna_theme")?.value;
  const theme = themeCookie === "light" || themeCookie === "dark" ? themeCookie : null;
  const user = session?.user;
  const menuUser: MenuUser | null = user
    ? { name: user.displayName || user.email?.split("@")[0] || "Learner", email: user.email, isGuest: user.isGuest, role: user.role }
    : null;
  const course = getCourse();
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <head>{session ? <meta name="csrf-token" content={csrfTokenFor(session.session)} /> : null}</head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <div className="header-inner">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                ⎈
              </span>
              <span>{course.title}</span>
            </Link>
            <nav aria-label="Main" className="main-nav">
              <ul>
                <li>
                  <Link href="/">Course</Link>
                </li>
                <li>
                  <Link href="/faq">FAQ</Link>
                </li>
                <li>
                  <Link href="/quizzes">Quizzes</Link>
                </li>
              </ul>
            </nav>
            <div className="header-tools">
              <ThemeToggle initial={theme} />
              <AccountMenu user={menuUser} />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Labs run on{" "}
            {backend ? (
              <strong>{backend.active === "kind" ? "kind clusters (Docker)" : "the embedded sandbox cluster"}</strong>
            ) : (
              <strong>an unknown backend (check LAB_BACKEND)</strong>
            )}
            . Open source and self-hosted.
          </p>
        </footer>
      </body>
    </html>
  );
}
