// make screens: a screenshot of each page, in Welsh and English, at 320 px
// wide and at desktop width, into docs/screens/<role>/<page>.<lang>[.320].png.
//
//   DATA=<the stack's data folder> ADMIN_TOKEN=... TODAY=YYYY-MM-DD \
//     node .tools/screens.mjs http://localhost:8080 [docs/screens]
//
// It signs in as each demo role (a PA, a member, the member in Easy Read, the
// admin) with the code the local outbox received and crawls: from the role's
// home it follows every same-origin GET link (not downloads, not ?lang=
// copies), one screenshot per distinct path with its ids replaced by "id". So
// a new page is covered as soon as a link leads to it. The public pages (sign
// in, the hosted form) are taken without a session. First it gives the pages
// something to show: a PA records a shift and the admin opens a vote.
// Needs Debian's chromium at /usr/bin/chromium (CHROMIUM overrides).

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { check } from './checks.mjs';

const base = (process.argv[2] || 'http://localhost:8080').replace(/\/+$/, '');
const out = process.argv[3] || 'docs/screens';
const data = process.env.DATA || '.data';
const origin = new URL(base).origin;

const widths = [['', { width: 1024, height: 768 }], ['.320', { width: 320, height: 640 }]];
const langs = ['cy', 'en'];
// Most pages a role's crawl takes, so a page that links to ever new paths
// cannot run on for ever.
const maxPages = 60;

function lastCode(email) {
  const lines = readFileSync(join(data, 'outbox', 'codes.jsonl'), 'utf8').trim().split('\n');
  const codes = lines.map((l) => JSON.parse(l)).filter((c) => c.email === email);
  check(codes.length > 0, `no code was sent to ${email}`);
  return codes[codes.length - 1].code;
}

// pageName is a path as a file name: ids (anything with a digit, or long)
// become "id", the segments are joined by dashes; "/" is "start".
export function pageName(path) {
  const segs = path.split('/').filter(Boolean).map((s) => (/\d/.test(s) || s.length > 24 ? 'id' : s));
  return segs.length ? segs.join('-') : 'start';
}

// skip says which links the crawl does not follow: other origins, assets,
// downloads (they are not pages) and the language switch (the same page).
function skip(u) {
  if (u.origin !== origin) return true;
  if (u.searchParams.has('lang')) return true;
  if (/^\/(assets|v1|site|_local)\//.test(u.pathname)) return true;
  if (/\/download$|\.(pdf|csv|json|zip)$/.test(u.pathname)) return true;
  return false;
}

async function signIn(page, email) {
  await page.goto(`${base}/sign-in`);
  await page.fill('#signin-email', email);
  await page.click('main button[type=submit]');
  await page.fill('#code-code', lastCode(email));
  await page.click('main button[type=submit]');
  check(!new URL(page.url()).pathname.startsWith('/sign-in'), `${email} did not sign in: ${page.url()}`);
}

// shoot saves the page at each width, in the language already chosen.
async function shoot(page, dir, name, lang) {
  for (const [suffix, size] of widths) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(dir, `${name}.${lang}${suffix}.png`), fullPage: true, scale: 'css', animations: 'disabled' });
  }
}

// crawl visits home and every page reachable from it by links, in lang.
async function crawl(context, page, role, home, lang) {
  const dir = join(out, role);
  mkdirSync(dir, { recursive: true });
  const seen = new Set();
  const queue = [`${base}${home}?lang=${lang}`];
  const taken = [];
  while (queue.length && taken.length < maxPages) {
    const url = new URL(queue.shift());
    const name = pageName(url.pathname);
    if (seen.has(name)) continue;
    seen.add(name);
    // A download answers with something other than HTML: not a page.
    const head = await context.request.get(url.href, { maxRedirects: 0 });
    if (!(head.headers()['content-type'] || '').startsWith('text/html') || head.status() >= 300) continue;
    await page.goto(url.href);
    if (new URL(page.url()).pathname.startsWith('/sign-in')) continue; // a link out of the session
    await shoot(page, dir, name, lang);
    taken.push(name);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const l of links) {
      const u = new URL(l);
      u.hash = '';
      if (!skip(u) && !seen.has(pageName(u.pathname))) queue.push(u.href);
    }
  }
  return taken;
}

// setUp gives the pages something to show: Catrin records a shift for Gwen
// and the admin opens a vote closing a week after TODAY.
async function setUp(browser) {
  const token = (process.env.ADMIN_TOKEN || '').trim();
  check(token !== '', 'ADMIN_TOKEN is not set');
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const closes = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const call = async (path, body) => {
    const res = await fetch(base + path, { method: 'POST', body: body && JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `screens-${path}` } });
    const text = await res.text();
    check(res.ok, `POST ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const m = await call('/v1/motions', { kind: 'ordinary_resolution', title_cy: 'Prynu bws mini', title_en: 'Buy a minibus',
    text_cy: "Bod y cwmni'n prynu bws mini i'r aelodau ei rannu.", text_en: 'That the co-op buys a minibus for the members to share.', closes_at: closes });
  await call(`/v1/motions/${m.id}/open`);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'catrin@demo.coop.example');
  for (const [start, end] of [['06:00', '07:30'], ['08:00', '09:30']]) {
    await page.goto(`${base}/pa/shifts/new`);
    await page.fill('#shift-start', start);
    await page.fill('#shift-end', end);
    await page.check('label:has-text("Gwen Morgan")');
    await page.click('main button[type=submit]');
    check(new URL(page.url()).pathname === '/pa', `the shift ${start}–${end} was not recorded: ${page.url()}`);
  }
  await context.close();
}

const roles = [
  { role: 'pa', email: 'catrin@demo.coop.example', home: '/pa' },
  { role: 'member', email: 'gwen@demo.coop.example', home: '/member' },
  { role: 'member-easy-read', email: 'gwen@demo.coop.example', home: '/member', easy: true },
  { role: 'admin', email: 'admin@demo.coop.example', home: '/admin' },
];
// The public pages, by name: the hosted form has a path in each language.
const publicPages = { 'sign-in': () => '/sign-in', 'apply-form': (lang) => (lang === 'cy' ? '/c/demo/ymuno' : '/c/demo/apply') };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = 0;
try {
  await setUp(browser);
  for (const dir of [...roles.map((r) => r.role), 'public']) rmSync(join(out, dir), { recursive: true, force: true });
  for (const lang of langs) {
    const context = await browser.newContext({ locale: lang === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();
    mkdirSync(join(out, 'public'), { recursive: true });
    for (const [name, path] of Object.entries(publicPages)) {
      await page.goto(`${base}${path(lang)}?lang=${lang}`);
      await shoot(page, join(out, 'public'), name, lang);
    }
    console.log(`public ${lang}: ${Object.keys(publicPages).join(' ')}`);
    await context.close();
  }
  for (const r of roles) {
    for (const lang of langs) {
      const context = await browser.newContext({ locale: lang === 'cy' ? 'cy-GB' : 'en-GB' });
      const page = await context.newPage();
      try {
        await signIn(page, r.email);
        await page.goto(`${base}${r.home}?lang=${lang}`);
        // Easy Read is a form on the page; turn it to what this role wants.
        const want = r.easy ? 'on' : 'off';
        await page.evaluate(async (easy) => {
          const form = [...document.querySelectorAll('form')].find((f) => f.action.endsWith('/easy-read'));
          if (!form) return;
          const body = new URLSearchParams(new FormData(form));
          body.set('easy', easy);
          await fetch(form.action, { method: 'POST', body, redirect: 'manual' });
        }, want);
        const taken = await crawl(context, page, r.role, r.home, lang);
        console.log(`${r.role} ${lang}: ${taken.length} pages: ${taken.join(' ')}`);
        check(taken.length > 0, `${r.role} ${lang}: no page taken`);
      } catch (e) {
        console.log(`not ok - screens: ${r.role} ${lang}: ${e.message}`);
        failed++;
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`screens: in ${out}, ${failed} roles failed`);
process.exit(failed ? 1 : 0);
