// A lab end to end in real Chromium, on the embedded sandbox: start the lab, watch the progress bar
// reach ready, type kubectl into the xterm.js terminal, press Check and read the failures, fix the
// cluster from the terminal, Check again and see every task pass, and find the lab complete on the
// home page. Then a second learner tries the first one's terminal and session, and is refused.
import { expect, test, startGuest } from "./fixtures";
import type { Page } from "@playwright/test";

async function typeInTerminal(page: Page, command: string): Promise<void> {
  const terminal = page.getByTestId("lab-terminal");
  await terminal.click();
  await page.keyboard.type(command, { delay: 5 });
  await page.keyboard.press("Enter");
}

const terminalText = (page: Page) => page.getByTestId("lab-terminal").locator(".xterm-rows").innerText();

test("a learner completes the service-dns lab in the browser", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await startGuest(page);
  await page.goto("/labs/service-dns");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ClusterIP Service");
  await page.getByRole("button", { name: "Start lab" }).click();
  await expect(page.getByText(/Preparing your lab|Cluster ready/)).toBeVisible();
  await expect(page.getByText(/Cluster ready \(sandbox\)/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("connected", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain("learner@lab");

  await typeInTerminal(page, "kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide");
  // Wide output wraps in a narrow terminal: the pod's row, then its pod IP somewhere after it.
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/coredns-\S+\s+1\/1\s+Running[\s\S]*?10\.244\.\d/);

  // Nothing is done yet: every task fails, with messages in the learner's terms.
  await page.getByRole("button", { name: "Check all tasks" }).click();
  const results = page.getByRole("list", { name: /Results for/ });
  await expect(results.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/deployment web does not exist in namespace default/i)).toBeVisible();
  await expect(page.getByText("not yet").first()).toBeVisible();

  await typeInTerminal(page, "kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain("deployment.apps/web created");
  await typeInTerminal(page, "kubectl rollout status deployment/web --timeout=60s");
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain('deployment "web" successfully rolled out');
  await typeInTerminal(page, "kubectl expose deployment web --port=80");
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain("service/web exposed");

  await page.getByRole("button", { name: "Check all tasks" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lab complete" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("passed", { exact: true })).toHaveCount(3);

  await page.goto("/labs");
  await expect(page.getByRole("listitem").filter({ hasText: "A Deployment behind a ClusterIP Service" }).getByText("Completed")).toBeVisible();

  // Another learner can neither see this session nor open its terminal.
  const sessionId = await page.evaluate(async () => {
    const r = await fetch("/api/labs/service-dns/sessions", { method: "POST", headers: { "x-csrf-token": document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content } });
    return (await r.json()).session.id as string;
  });
  const other = await page.context().browser()!.newContext({ baseURL: page.url().replace(/\/labs$/, "") });
  const otherPage = await other.newPage();
  await startGuest(otherPage);
  await otherPage.goto("/labs");
  expect((await otherPage.request.get(`/api/lab-sessions/${sessionId}`)).status()).toBe(404);
  expect((await otherPage.request.get(`/api/lab-sessions/${sessionId}/files`)).status()).toBe(404);
  const wsOutcome = await otherPage.evaluate(
    (id) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/api/lab-sessions/${id}/terminal`);
        ws.onopen = () => resolve("open");
        ws.onerror = () => resolve("refused");
        setTimeout(() => resolve("timeout"), 5000);
      }),
    sessionId,
  );
  expect(wsOutcome).toBe("refused");
  await other.close();
});
