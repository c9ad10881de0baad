/**
 * The form pipeline against the real production server (server.ts serving
 * the build, started here so its process can be measured):
 * - a 50 MB chunked POST to /login and /login.data, unauthenticated, gets a
 *   413 with `Connection: close` that the client receives while it is still
 *   sending, and the server stops reading early (bytes the client managed to
 *   send, and the server's resident memory, measured from /proc);
 * - malformed bodies that used to crash the pages while they rendered the
 *   answer (a repeated payment field on contract create, a 5,000-level dotted
 *   name on contractor and site create, JSON or nothing on a new survey) get a
 *   400 page with the form on it.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "./app";

let app: App;
let port = 0;

beforeAll(async () => {
  app = await startApp();
  port = app.port;
  // Warm the server first: its first request loads the app's modules (sharp's libvips among
  // them, tens of MB), which is not what the flood below measures.
  for (const pathname of ["/login", "/supervisor"]) await fetch(`http://127.0.0.1:${port}${pathname}`).then((r) => r.arrayBuffer());
  await fetch(`http://127.0.0.1:${port}/locale`, { method: "POST", body: new URLSearchParams({ locale: "zh-CN" }), redirect: "manual" }).then((r) => r.arrayBuffer());
});

afterAll(async () => {
  await app?.stop();
});

/** The server's resident memory in bytes (Linux). */
function serverRss(): number {
  const status = readFileSync(`/proc/${app.pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb * 1024;
}

const TOTAL = 50 * 1024 * 1024;

/**
 * Sends up to 50 MB chunked (no Content-Length) as fast as the socket takes
 * it, until the answer arrives; what the client had sent by then is how much
 * the server let in.
 */
function floodPost(pathname: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" } }, (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sentWhenAnswered }));
    });
    // The server closing while we still write is expected: the answer is what counts.
    // A write racing the close can fail (EPIPE/ECONNRESET) just before the answer is read: give
    // the answer a moment to arrive before calling it a failure.
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (answered) return;
      if (e.code === "EPIPE" || e.code === "ECONNRESET") setTimeout(() => (answered ? undefined : reject(e)), 2000);
      else reject(e);
    });
    req.write("password=");
    const pump = () => {
      while (!answered && sent < TOTAL) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("the body limit, on the real server", () => {
  it.each(["/login", "/login.data"])("a 50 MB chunked POST to %s gets a 413 and is not read", async (pathname) => {
    const rssBefore = serverRss();
    const answer = await floodPost(pathname);
    const rssGrowth = serverRss() - rssBefore;
    console.log(`${pathname}: ${answer.status}, client had sent ${(answer.sentWhenAnswered / 1024 / 1024).toFixed(2)} MB of 50 MB when answered; server RSS grew ${(rssGrowth / 1024 / 1024).toFixed(1)} MB`);
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    if (pathname === "/login") expect(answer.body).toContain("提交的内容过大");
    // 256 KB limit plus socket buffers on both sides: far from 50 MB.
    expect(answer.sentWhenAnswered).toBeLessThan(8 * 1024 * 1024);
    expect(rssGrowth).toBeLessThan(30 * 1024 * 1024);
  });
});

// ---------------------------------------------------------------- malformed bodies rendered back

async function signInAs(role: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: `${role}@demo.kaoping.test`, password: "kaoping-demo" }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  expect(cookie).toContain("=");
  return cookie;
}

async function postDocument(pathname: string, cookie: string, body: string, contentType = "application/x-www-form-urlencoded") {
  const headers: Record<string, string> = { Cookie: cookie, ...(contentType ? { "Content-Type": contentType } : {}) };
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { method: "POST", redirect: "manual", headers, body });
  return { status: res.status, html: await res.text() };
}

const contract = (extra: string) =>
  `contractorId=x&serviceType=property&title=T&startOn=2026-01-01&endOn=2026-12-31&siteIds=s&paymentKind=steps&steps.0.minTotal=0&steps.0.percent=100&annualValue=1000&${extra}`;

describe("malformed bodies get a 400 page, not a 500", () => {
  let admin = "";
  let supervisor = "";
  beforeAll(async () => {
    admin = await signInAs("admin");
    supervisor = await signInAs("supervisor");
  });

  it.each([
    "vetoPercent=70&vetoPercent=80",
    "annualValue=1&annualValue=2",
    "steps.0.minTotal=1&steps.0.minTotal=2",
    "steps.0.percent=1&steps.0.percent=2",
    "vetoPercent.0=70&annualValue.0=5&steps.0.minTotal.0=1",
    "vetoPercent.__proto__=70&annualValue.__proto__=5&steps.__proto__.minTotal=1&steps.0.__proto__=1",
    "quarterlyFee=1&quarterlyFee=2",
    "quarterlyFee.0=5",
    "quarterlyFee.__proto__=5",
  ])("contract create with %s", async (extra) => {
    const { status, html } = await postDocument("/admin/contracts/new", admin, contract(extra));
    expect(status).toBe(400);
    expect(html).toContain('name="vetoPercent"');
  });

  it("a negative quarterly fee: the page says so under the field, beside the hint on what empty means", async () => {
    const { status, html } = await postDocument("/admin/contracts/new", admin, contract("quarterlyFee=-5"));
    expect(status).toBe(400);
    expect(html).toMatch(/name="quarterlyFee"[^>]*value="-5"|value="-5"[^>]*name="quarterlyFee"/);
    expect(html).toContain("不填时，每季度服务费为年度合同金额的四分之一");
    expect(html.match(/class="(form|field)-error"[^>]*>[^<]*/g)).toEqual([expect.stringContaining("金额不能为负数")]);
  });

  it.each(["/admin/contractors/new", "/admin/sites/new"])("a 5,000-level dotted name on %s", async (pathname) => {
    const deep = Array.from({ length: 5000 }, () => "name").join(".");
    const { status, html } = await postDocument(pathname, admin, `intent=save&${encodeURIComponent(deep)}=x&name=ok`);
    expect(status).toBe(400);
    expect(html).toContain('name="name"');
    expect(html.match(/class="(form|field)-error"[^>]*>[^<]*/g)).toEqual([expect.stringContaining("格式有误")]);
  });

  it.each([
    ["JSON", '{"contractId":"x"}', "application/json"],
    ["an empty body", "", ""],
    ["an empty form", "", "application/x-www-form-urlencoded"],
  ])("a new survey with %s", async (_label, body, contentType) => {
    const { status, html } = await postDocument("/supervisor/surveys/new", supervisor, body, contentType);
    expect(status).toBe(400);
    expect(html).toContain('name="contractId"');
  });
});
