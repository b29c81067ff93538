// Finds a Chromium for the browser tests: $CHROMIUM_PATH, the system package, or Playwright's own download.
// Where none is found and we are root with apt-get (as on CI), installs Debian's package; otherwise says
// exactly what to run. Playwright cannot download browsers on machines without internet access.
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const candidates = (): string[] => {
  const list = [process.env.CHROMIUM_PATH ?? "", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const cache = join(homedir(), ".cache", "ms-playwright");
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith("chromium-")).sort().reverse()) {
      list.push(join(cache, dir, "chrome-linux", "chrome"), join(cache, dir, "chrome-linux64", "chrome"));
    }
  }
  return list.filter(Boolean);
};

export async function findChromium(opts: { install: boolean }): Promise<{ path?: string; message: string }> {
  const found = candidates().find((p) => existsSync(p));
  if (found) return { path: found, message: `using ${found}` };
  const isRoot = process.getuid?.() === 0;
  if (opts.install && isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium)");
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch {
      /* reported below */
    }
    const again = candidates().find((p) => existsSync(p));
    if (again) return { path: again, message: `using ${again}` };
  }
  return {
    message:
      "No Chromium found for the browser tests. Install one and run npm test again:\n" +
      "  Debian/Ubuntu:  sudo apt-get install -y chromium\n" +
      "  with internet:  npx playwright install chromium\n" +
      "  or point CHROMIUM_PATH at a Chrome or Chromium binary.",
  };
}
