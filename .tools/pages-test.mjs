// Browser tests of the pages (internal/web) against a running local stack:
//
//   DATA=<the stack's data folder> node .tools/pages-test.mjs http://localhost:8080
//   (ONLY=<part of a journey's name> runs just those)
//
// A PA signs in with the code the local outbox received, records a shift
// (first with a mistake the error summary shows), sees it on their home page
// and signs out: in Welsh and in English, with JavaScript on and off, and once
// by keyboard alone (keyboard-test.mjs). axe-core
// checks every page for WCAG 2.2 AA; the pages are checked at 320 px wide and
// with 200 % text.
// Needs Debian's chromium at /usr/bin/chromium (CHROMIUM overrides).

import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memberTests } from './member-pages-test.mjs';
import { keyboardTests } from './keyboard-test.mjs';
import { adminRegTests } from './admin-reg-test.mjs';
import { adminMoneyTests } from './admin-money-test.mjs';
import { adminPeopleTests } from './admin-people-test.mjs';
import { adminPayTests } from './admin-pay-test.mjs';
import { employerTests } from './employer-test.mjs';
import { togetherTests } from './together-test.mjs';
import { coverTests } from './cover-test.mjs';
import { findingTests } from './finding-test.mjs';
import { recordsTests } from './records-test.mjs';
import { Failure, check, eq, axeRun } from './checks.mjs';

const base = (process.argv[2] || 'http://localhost:8080').replace(/\/+$/, '');
const data = process.env.DATA || '.data';
const shots = process.env.SCREENSHOTS || '/tmp';

// The last code the local outbox delivered to email.
function lastCode(email) {
  const lines = readFileSync(join(data, 'outbox', 'codes.jsonl'), 'utf8').trim().split('\n');
  const codes = lines.map((l) => JSON.parse(l)).filter((c) => c.email === email);
  check(codes.length > 0, `no code was sent to ${email}`);
  return codes[codes.length - 1].code;
}

// axe-core on the page as it is (WCAG 2.2 AA). It needs script, so it runs
// in the journeys with JavaScript on; the pages' HTML is the same without.
const axeProblems = [];
async function axe(page, what) {
  const res = await axeRun(page);
  console.log(`  axe ${what}: ${res.passes} rules passed, ${res.violations.length} violations`);
  if (res.passes < 5) axeProblems.push(`${what}: axe checked only ${res.passes} rules`);
  for (const v of res.violations) axeProblems.push(`${what}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
}

// The words each language's journey looks for.
const words = {
  cy: { home: 'Eich shifftiau', record: 'Cofnodi shifft', signOut: 'Allgofnodi', error: 'Mae problem', recorded: 'Mae eich shifft wedi', waiting: 'Yn aros', signIn: 'Mewngofnodi', payslips: 'Slipiau cyflog', details: 'Eich manylion' },
  en: { home: 'Your shifts', record: 'Record a shift', signOut: 'Sign out', error: 'There is a problem', recorded: 'Your shift is recorded', waiting: 'Waiting', signIn: 'Sign in', payslips: 'Payslips', details: 'Your details' },
};

// journey: a PA signs in, records a shift (members: the labels to tick),
// sees it and signs out.
async function journey({ context, js, lang, who, members, start, end, label }) {
  const w = words[lang];
  const axeIf = async (page, what) => { if (js) await axe(page, `${label} ${what}`); };
  const email = `${who}@demo.coop.example`;
  const page = await context.newPage();
  await page.goto(`${base}/pa`);
  check(new URL(page.url()).pathname === '/sign-in', `not sent to sign in: ${page.url()}`);
  await page.goto(`${base}/sign-in?lang=${lang}`);
  eq(await page.getAttribute('html', 'lang'), lang, 'sign-in page language');
  await axeIf(page, 'sign-in');
  await page.fill('#signin-email', email);
  await page.click('main button[type=submit]');
  eq(new URL(page.url()).pathname, '/sign-in/code', 'after the email');
  await axeIf(page, 'code');
  await page.fill('#code-code', lastCode(email));
  await page.click('main button[type=submit]');
  eq(new URL(page.url()).pathname, '/pa', 'after the code');
  eq(await page.getAttribute('html', 'lang'), lang, 'the PA\'s stored language');
  eq((await page.textContent('h1')).trim(), w.home, 'home heading');
  await axeIf(page, 'home');

  await page.click(`.govuk-service-navigation a:has-text("${w.record}")`);
  eq(new URL(page.url()).pathname, '/pa/shifts/new', 'the record link');
  await page.fill('#shift-start', start);
  await page.fill('#shift-end', '25:00');
  for (const m of members) await page.check(`label:has-text("${m}")`);
  await page.fill('#shift-notes', `prawf ${label}`);
  await page.click('main button[type=submit]');
  check(await page.isVisible('.govuk-error-summary'), 'no error summary for an end time of 25:00');
  check((await page.textContent('.govuk-error-summary__title')).includes(w.error), 'error summary title');
  eq(await page.inputValue('#shift-end'), '25:00', 'the wrong answer kept');
  eq(await page.inputValue('#shift-notes'), `prawf ${label}`, 'the other answers kept');
  await axeIf(page, 'shift error');
  await page.click('.govuk-error-summary a');
  await page.fill('#shift-end', end);
  await page.click('main button[type=submit]');
  eq(new URL(page.url()).pathname, '/pa', 'after recording');
  check((await page.textContent('.govuk-notification-banner')).includes(w.recorded), 'no success banner');
  const row = page.locator(`tr:has-text("${start}–${end}")`).first();
  check(await row.count() === 1, `the shift ${start}–${end} is not listed`);
  check((await row.textContent()).includes(w.waiting), 'the shift is not waiting for approval');
  for (const m of members) check((await row.textContent()).includes(m), `the shift does not name ${m}`);
  await page.screenshot({ path: join(shots, `pages-${label}-home.png`), fullPage: true });

  for (const [link, path] of [[w.payslips, '/pa/payslips'], [w.details, '/pa/details']]) {
    await page.click(`.govuk-service-navigation a:has-text("${link}")`);
    eq(new URL(page.url()).pathname, path, link);
    await axeIf(page, path);
  }

  await page.click(`button:has-text("${w.signOut}")`);
  eq(new URL(page.url()).pathname, '/signed-out', 'after signing out');
  eq(await page.getAttribute('html', 'lang'), lang, 'signed-out page language');
  await page.goto(`${base}/pa`);
  eq(new URL(page.url()).pathname, '/sign-in', 'the session ended');
  await page.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const viewport = { width: 1000, height: 900 };
const scriptErrors = [];
function watch(ctx) {
  ctx.on('page', (p) => {
    p.on('pageerror', (e) => scriptErrors.push(`${p.url()}: ${e.message}`));
    // A refused form answers 400, which Chromium logs; a blocked script or
    // style (the Content Security Policy) is an error.
    p.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/.test(m.text())) scriptErrors.push(`${p.url()}: ${m.text()}`); });
  });
  return ctx;
}

const tests = [
  ['Welsh, JavaScript on: Catrin records a shared shift', async () => {
    const js = watch(await browser.newContext({ locale: 'cy-GB', viewport }));
    await journey({ context: js, js: true, lang: 'cy', who: 'catrin', members: ['Gwen Morgan', 'Siân Hughes'], start: '06:00', end: '07:00', label: 'cy-js' });
    // The enhancement ran: GOV.UK Frontend's components were started.
    const page = await js.newPage();
    await page.goto(`${base}/sign-in`);
    check(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')), 'enhance.mjs did not run');
    await page.close();
    await js.close();
  }],
  ['Welsh, JavaScript off: Catrin records a shift', async () => {
    const nojs = watch(await browser.newContext({ javaScriptEnabled: false, locale: 'cy-GB', viewport }));
    await journey({ context: nojs, js: false, lang: 'cy', who: 'catrin', members: ['Gwen Morgan'], start: '07:00', end: '08:00', label: 'cy-nojs' });
    await nojs.close();
  }],
  ['English, JavaScript on: Tom records a shift', async () => {
    const js = watch(await browser.newContext({ locale: 'en-GB', viewport }));
    await journey({ context: js, js: true, lang: 'en', who: 'tom', members: ['Rhys Price'], start: '06:00', end: '07:00', label: 'en-js' });
    await js.close();
  }],
  ['English, JavaScript off: Tom records a shift', async () => {
    const nojs = watch(await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB', viewport }));
    await journey({ context: nojs, js: false, lang: 'en', who: 'tom', members: ['Rhys Price'], start: '07:00', end: '08:00', label: 'en-nojs' });
    await nojs.close();
  }],
  ['320 px wide, and 200 % text: the pages fit without sideways scrolling', async () => {
    const narrow = watch(await browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 640 } }));
    const page = await narrow.newPage();
    const fits = async (what) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 320, `${what} is ${width} px wide at 320`);
    };
    await page.goto(`${base}/sign-in?lang=cy`);
    await fits('the sign-in page');
    await axe(page, '320px sign-in');
    await page.screenshot({ path: join(shots, 'pages-320-sign-in.png'), fullPage: true });
    await page.fill('#signin-email', 'tom@demo.coop.example');
    await page.click('main button[type=submit]');
    await page.fill('#code-code', lastCode('tom@demo.coop.example'));
    await page.click('main button[type=submit]');
    for (const path of ['/pa', '/pa/shifts/new', '/pa/details']) {
      await page.goto(`${base}${path}`);
      await fits(path);
      // 200 % text, as a browser's text size setting makes it (the styles are in rem).
      await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
      await page.setViewportSize({ width: 640, height: 900 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 640, `${path} with 200 % text is ${width} px wide at 640`);
      await page.screenshot({ path: join(shots, `pages-200pc${path.replaceAll('/', '-')}.png`), fullPage: true });
      await page.setViewportSize({ width: 320, height: 640 });
    }
    await page.close();
    await narrow.close();
  }],
  ...memberTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }),
  ...keyboardTests({ browser, base, viewport, watch, lastCode, check, eq }),
  ...adminRegTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }),
  ...adminPayTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }),
  ...adminMoneyTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }),
  ...adminPeopleTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }),
  ...employerTests({ browser, base, viewport, axe, watch, lastCode, check, eq }),
  ...coverTests({ browser, base, viewport, axe, watch, lastCode, check, eq }),
  ...togetherTests({ browser, base, viewport, axe, watch, lastCode, check, eq }),
  ...findingTests({ browser, base, viewport, axe, watch, lastCode, check, eq }),
  ...recordsTests({ browser, base, viewport, axe, watch, lastCode, check, eq }),
  ...(await import('./passkeys-test.mjs')).passkeyTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }),
  ['axe-core (WCAG 2.2 AA) found nothing on any page', async () => {
    check(axeProblems.length === 0, axeProblems.join('\n    '));
  }],
];

// ONLY (a part of a journey's name) runs just those journeys and the axe
// summary, for working on one area by hand; make test runs them all.
const only = process.env.ONLY;
let passed = 0;
let failed = 0;
for (const [name, fn] of tests) {
  if (only && !name.includes(only) && !name.startsWith('axe-core')) continue;
  const before = scriptErrors.length;
  try {
    await fn();
    check(scriptErrors.length === before, 'script errors: ' + scriptErrors.slice(before).join('; '));
    console.log(`ok - pages: ${name}`);
    passed++;
  } catch (e) {
    console.log(`not ok - pages: ${name}\n    ${e instanceof Failure ? e.message : e.stack}`);
    failed++;
  }
}
await browser.close();
console.log(`screenshots: ${join(shots, 'pages-*.png')}`);
console.log(`pages: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
