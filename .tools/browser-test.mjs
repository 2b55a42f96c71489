// Browser tests of the application forms against a running local stack
// started with `-site site`: the co-op's static website (site/) and the form
// the service hosts itself (/c/demo/ymuno, /c/demo/apply):
//
//   node .tools/browser-test.mjs http://localhost:8080
//
// Needs Debian's chromium at /usr/bin/chromium (CHROMIUM overrides) and an
// admin token of the demo co-op in ADMIN_TOKEN (otherwise one is minted with
// `go run ./infra/cmd/dev token -data $DATA -coop demo -role admin`, DATA
// defaulting to .data). Screenshots go to $SCREENSHOTS (default /tmp).
//
// Run it against a fresh local stack whose demo co-op registered the base URL
// as its origin (the first start of a data folder registers its port).
//
// The static site's tests post about nine applications; the API allows ten a
// minute from one client, so the hosted form's test waits for the next minute
// first. Start from a fresh stack or wait a minute between runs.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Failure, check, eq, axeRun } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const base = (process.argv[2] || 'http://localhost:8080').replace(/\/+$/, '');
const shots = process.env.SCREENSHOTS || '/tmp';
const started = Date.now();
const run = started.toString(36);

// ---- The API, as the co-op's admin ----

function adminToken() {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN.trim();
  const out = execFileSync('go', ['run', './infra/cmd/dev', 'token', '-data', process.env.DATA || '.data', '-coop', 'demo', '-role', 'admin'],
    { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop().trim();
}

let token;
async function api(path) {
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  const body = await res.text();
  check(res.ok, `GET ${path}: ${res.status} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

// Every pending application of the demo co-op, page by page.
async function pending() {
  const all = [];
  let cursor = '';
  for (let i = 0; i < 100; i++) {
    const page = await api(`/v1/applications?status=pending&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.items);
    if (!page.next) return all;
    cursor = page.next;
  }
  throw new Failure('more than 100 pages of pending applications');
}

// The pending application with a reference (the form shows the reference,
// not the application's id).
async function byReference(ref) {
  const found = (await pending()).filter((x) => x.reference === ref);
  eq(found.length, 1, `applications with the reference ${ref}`);
  return found[0];
}

// ---- The pages ----

function applicant(tag, over = {}) {
  return {
    kind: 'member',
    name: `Prawf ${tag} ${run}`,
    email: `${tag}-${run}@example.com`,
    phone: '01234 567890',
    address: `1 Stryd y Prawf\nCaerdydd CF10 1AA`,
    language: 'cy',
    consent: true,
    support: 'Hawdd ei Ddeall, os gwelwch yn dda',
    ...over,
  };
}

async function fill(page, a) {
  if (a.kind) await page.check(`#kind-${a.kind}`);
  if (a.name != null) await page.fill('#name', a.name);
  if (a.email != null) await page.fill('#email', a.email);
  if (a.phone != null) await page.fill('#phone', a.phone);
  if (a.address != null) await page.fill('#address', a.address);
  if (a.language) await page.check(`#language-${a.language}`);
  if (a.consent) await page.check('#consent_electronic');
  if (a.support != null) await page.fill('#support_needs', a.support);
}

const submit = 'button[type="submit"]';

// An answer: back on the co-op's page (?status=received), or on the
// service's page that explains an error (?code=).
const answered = /[?&](status|code)=/;

// Submits and waits until the API has sent the browser on with an answer.
async function send(page, how) {
  if (how) {
    // Two clicks: the browser cancels the first navigation for the second,
    // so watch the address rather than one navigation.
    await how(page);
    const deadline = Date.now() + 15000;
    while (!answered.test(page.url())) {
      check(Date.now() < deadline, `no answer after two clicks; the page is ${page.url()}`);
      await page.waitForTimeout(100);
    }
    await page.waitForLoadState('load');
  } else {
    await Promise.all([page.waitForURL(answered, { timeout: 15000 }), page.click(submit)]);
  }
  const url = new URL(page.url());
  if (url.pathname.startsWith('/v1/')) {
    throw new Failure(`the API answered with ${url.href} instead of a page: ${(await page.textContent('body')).slice(0, 300)}`);
  }
  return url;
}

// With JavaScript off the form must still reach the API and come back.
// The pages name their own path as the redirect; the API resolves it against
// the browser's Origin, which must be one of the co-op's registered origins.
function noJsReady(url) {
  return url;
}

async function shot(page, name) {
  const path = join(shots, `site-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function activeId(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.id);
}

// ---- The tests ----

const state = {};
const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

test('1. apply in English: thank-you with a reference, and the application is pending', async ({ js }) => {
  const page = await js.newPage();
  await page.goto(`${base}/site/apply.html`);
  eq(await page.textContent('h1'), 'Apply to join the co-op', 'heading');
  const a = applicant('en', { name: `Test Applicant ${run}`, language: 'en', support: 'Large print, please', address: '2 Test Road\nCardiff CF11 2BB' });
  await fill(page, a);
  await shot(page, '1-en-form-filled');
  const url = await send(page);
  eq(url.searchParams.get('status'), 'received', 'status');
  eq(url.searchParams.get('lang'), 'en', 'lang');
  const ref = url.searchParams.get('ref');
  check(ref, 'no reference in ' + url.href);
  await page.waitForSelector('#result:not([hidden]) h1');
  eq(await page.textContent('#result h1'), 'Thank you. We have your application.', 'thank-you heading');
  eq(await page.textContent('#reference'), ref, 'reference on the page');
  check(await page.isHidden('#apply-form'), 'the form is still shown after the thank-you');
  eq(await activeId(page), 'result', 'focus');
  check((await page.title()).startsWith('Application sent'), 'title: ' + await page.title());
  await shot(page, '1-en-thankyou');
  state.thankYouEn = url.href;

  const got = await byReference(ref);
  eq(got.email, a.email, 'stored email');
  eq(got.kind, 'member', 'stored kind');
  eq(got.language, 'en', 'stored language');
  eq(got.consent_electronic, true, 'stored consent');
  // Browsers send a textarea's line breaks as CRLF (HTML standard).
  eq(got.address.replace(/\r\n/g, '\n'), '2 Test Road\nCardiff CF11 2BB', 'stored address');
  const list = await pending();
  eq(list.filter((x) => x.reference === ref).length, 1, 'pending applications with that reference');
  await page.close();
});

test('2. apply with errors in Welsh: the service\'s page says, in Welsh, that nothing was sent and what to change', async ({ js }) => {
  const page = await js.newPage();
  await page.goto(`${base}/site/ymuno.html`);
  eq(await page.textContent('h1'), 'Ymuno â’r co-op', 'heading');
  await fill(page, { name: '', email: 'nid-e-bost', phone: '12', address: '', language: 'cy', support: 'dim' });
  const url = await send(page);
  eq(url.pathname, '/c/demo/ymuno/problem', 'the explanation page');
  eq(url.searchParams.get('code'), 'validation_failed', 'code');
  const fields = url.searchParams.getAll('error').map((e) => e.split(':')[0]);
  eq(fields.sort().join(','), 'address,email,kind,name,phone', 'fields in error');
  check(!/Prawf|nid-e-bost/.test(url.href), 'answers in the address: ' + url.href);
  eq((await page.textContent('h1')).trim(), "Nid yw eich cais wedi'i anfon", 'heading');
  eq(await page.getAttribute('html', 'lang'), 'cy', 'page language');
  const items = await page.$$eval('main li', (lis) => lis.map((li) => li.textContent.trim()));
  for (const m of ['Dewiswch sut rydych chi eisiau ymuno', 'Rhowch eich enw llawn', 'Rhowch eich cyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
    'Rhowch eich rhif ffôn yn y fformat cywir, fel 01234 567890', 'Rhowch eich cyfeiriad post']) {
    check(items.includes(m), `no "${m}" (items: ${JSON.stringify(items)})`);
  }
  eq(await page.locator('main a[href="/c/demo/ymuno"]').count(), 1, 'link to the hosted form');
  check(!(await page.textContent('body')).includes('Mae eich cais gyda ni'), 'the explanation says the application is in');
  await shot(page, '2-cy-errors');
  state.errorsCy = url.href;
  await page.close();
});

// A slow network: each application post reaches the API at once, but its
// answer comes back a second later, so a second click lands while the first
// is still on its way (as on a slow phone connection).
async function slowAnswers(page) {
  await page.route('**/v1/public/coops/*/applications', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    await route.fulfill({ response }).catch(() => {}); // a cancelled first submit
  });
}

// Two real mouse clicks 300 ms apart (Playwright's own click would wait for
// the first navigation to finish before the second).
async function clickTwice(page) {
  const button = page.locator(submit);
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.click(x, y);
  await page.waitForTimeout(300);
  await page.mouse.click(x, y);
}

test('3. double submit: two clicks on a slow network, and sending the same answers again, make one application', async ({ js, nojs }) => {
  const posts = (page) => {
    const seen = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/applications')) seen.push(r.url()); });
    return seen;
  };

  // With JavaScript, on the Welsh page: the second click sends nothing.
  const page = await js.newPage();
  await slowAnswers(page);
  const sent = posts(page);
  await page.goto(`${base}/site/ymuno.html`);
  const a = applicant('dbl');
  await fill(page, a);
  const first = await send(page, clickTwice);
  eq(first.searchParams.get('status'), 'received', 'status after two clicks');
  eq(sent.length, 1, 'posts from two clicks with JavaScript');
  const ref = first.searchParams.get('ref');
  await page.waitForSelector('#result:not([hidden]) h1');
  eq(await page.textContent('#result h1'), 'Diolch. Mae eich cais gyda ni.', 'Welsh thank-you');
  await shot(page, '3-cy-thankyou');
  state.thankYouCy = first.href;

  // Back to the form, and send the same answers again: the same nonce goes
  // with them, and the API answers with the first application.
  await page.goBack();
  await page.waitForSelector('#apply-form');
  if ((await page.inputValue('#name')) !== a.name) await fill(page, a);
  const again = await send(page);
  eq(sent.length, 2, 'posts after sending again');
  eq(again.searchParams.get('ref'), ref, 'reference when the same answers are sent again');

  // Without JavaScript the browser sends both clicks, with no nonce: the API
  // keys the application on its content and the day, so it is still one.
  noJsReady();
  const bare = await nojs.newPage();
  await slowAnswers(bare);
  const bareSent = posts(bare);
  await bare.goto(`${base}/site/apply.html`);
  const b = applicant('dblnojs', { language: 'en' });
  await fill(bare, b);
  const nj = await send(bare, clickTwice);
  eq(nj.searchParams.get('status'), 'received', 'status without JavaScript');
  eq(bareSent.length, 2, 'posts from two clicks without JavaScript');

  const list = await pending();
  eq(list.filter((x) => x.email === a.email).length, 1, 'applications from the two clicks and the resend');
  eq(list.filter((x) => x.email === b.email).length, 1, 'applications from two clicks without JavaScript');
  await page.close();
  await bare.close();
});

test('4. without JavaScript: the browser checks first, the form posts and comes back to the result page', async ({ nojs }) => {
  const page = await nojs.newPage();
  await page.goto(`${base}/site/apply.html`);
  check(await page.getByRole('heading', { name: 'JavaScript is turned off' }).isVisible(), 'no notice that JavaScript is off');
  check(await page.getByRole('heading', { name: 'Mae JavaScript wedi’i ddiffodd' }).isVisible(), 'no Welsh notice that JavaScript is off');
  check(await page.isHidden('#sent'), 'the "you have sent the form" box shows before sending');
  eq(await page.locator('input[name="nonce"]').count(), 0, 'nonce fields without JavaScript');
  await shot(page, '4-nojs-form');

  // An empty form does not leave the page: the browser stops it at the first empty answer.
  const before = page.url();
  await page.click(submit);
  await page.waitForTimeout(500);
  eq(page.url(), before, 'address after sending an empty form');
  check(await page.locator('#kind-member:invalid').count() === 1, 'the browser did not mark the empty choice');
  check(await page.locator('#kind-member:focus').count() === 1, 'the browser did not move to the first empty answer');

  // Both pages come back to themselves, to a box that exists.
  for (const [file, box] of [['apply.html', 'sent'], ['ymuno.html', 'anfonwyd']]) {
    const p = file === 'apply.html' ? page : await nojs.newPage();
    if (p !== page) await p.goto(`${base}/site/${file}`);
    eq(await p.getAttribute('input[name="redirect"]', 'value'), `/site/${file}#${box}`, `redirect on ${file}`);
    eq(await p.locator(`#${box}.sent`).count(), 1, `#${box} on ${file}`);
    if (p !== page) await p.close();
  }

  noJsReady();
  const a = applicant('nojs', { language: 'en', kind: 'supporter', consent: false });
  await fill(page, a);
  const url = await send(page);
  eq(url.searchParams.get('status'), 'received', 'status');
  eq(url.pathname, '/site/apply.html', 'came back to');
  eq(url.hash, '#sent', 'fragment');
  check(await page.isVisible('#sent'), 'the "you have sent the form" box is not shown');
  check(await page.locator('#sent:focus').count() === 1, 'the box does not have focus');
  const ref = url.searchParams.get('ref');
  const got = await byReference(ref);
  eq(got.email, a.email, 'stored email');
  eq(got.consent_electronic, false, 'stored consent');
  await shot(page, '4-nojs-sent');

  // An answer only the API can refuse (an address of spaces) goes to the
  // service's page that explains it, never to the "sent" box.
  await page.goto(`${base}/site/apply.html`);
  await fill(page, applicant('nojserr', { language: 'en', address: '   ' }));
  const bad = await send(page);
  eq(bad.pathname, '/c/demo/apply/problem', 'the explanation page');
  eq(bad.searchParams.get('error'), 'address:required', 'error');
  eq(await page.locator('#sent').count(), 0, 'the "sent" box after an error');
  eq((await page.textContent('h1')).trim(), 'Your application has not been sent', 'heading');
  check((await page.textContent('main')).includes('Enter your postal address'), 'the message for the address');
  await shot(page, '4-nojs-error');
  state.errorsEn = bad.href;
  await page.close();
});

test('5. axe-core (WCAG 2.2 AA): no violations on both forms, the explanation pages and the thank-you state', async ({ js }) => {
  const pages = [
    ['form cy', `${base}/site/ymuno.html`],
    ['form en', `${base}/site/apply.html`],
    ['home', `${base}/site/index.html`],
    ['errors cy', state.errorsCy],
    ['errors en', state.errorsEn],
    ['thank-you en', state.thankYouEn],
    ['thank-you cy', state.thankYouCy],
  ];
  // The no-JavaScript "you have sent the form" box, seen with form.js
  // blocked (axe itself needs JavaScript; <noscript> then stays hidden).
  const bare = await js.browser().newContext({ viewport: { width: 1000, height: 900 } });
  await bare.route('**/form.js', (route) => route.abort());
  pages.push(['sent box en (no form.js)', `${base}/site/apply.html?status=received&lang=en#sent`, bare]);
  pages.push(['sent box cy (no form.js)', `${base}/site/ymuno.html?status=received&lang=cy#anfonwyd`, bare]);
  const problems = [];
  const notes = [];
  for (const [what, url, ctx] of pages) {
    if (!url) {
      problems.push(`${what}: no page to check (an earlier test failed)`);
      continue;
    }
    const page = await (ctx || js).newPage();
    await page.goto(url);
    if (ctx && !(await page.isVisible('.sent'))) problems.push(`${what}: the box is not shown`);
    await axe(page, what, problems, notes);
    await page.close();
  }
  await bare.close();
  for (const n of notes) console.log(`  note: ${n}`);
  check(problems.length === 0, problems.join('\n    '));
});

// axe runs axe-core's WCAG 2.2 AA rules on the page as it is now, adding
// violations to problems and best-practice findings to notes.
async function axe(page, what, problems, notes) {
  const res = await axeRun(page);
  if (res.passes < 5) problems.push(`${what}: axe checked only ${res.passes} rules`);
  console.log(`  axe ${what}: ${res.passes} rules passed, ${res.violations.length} violations`);
  for (const v of res.violations) problems.push(`${what}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
  for (const v of res.practice) notes.push(`${what}: best practice ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
  for (const v of res.incomplete) notes.push(`${what}: to check by hand ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
}

// The hosted form's words in each language.
const hosted = {
  cy: {
    path: '/c/demo/ymuno', heading: 'Ymuno â Cwmni Demo', received: '/c/demo/ymuno/diolch', prefix: 'Gwall:',
    address: 'Rhowch eich cyfeiriad post', email: 'Rhowch eich cyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com',
    panel: 'Mae eich cais gyda ni',
  },
  en: {
    path: '/c/demo/apply', heading: 'Apply to join', received: '/c/demo/apply/thank-you', prefix: 'Error:',
    address: 'Enter your postal address', email: 'Enter your email address in the correct format, like name@example.com',
    panel: 'We have your application',
  },
};

test('6. the form the service hosts, in Welsh and English, with JavaScript on and off: errors keep the answers, the confirmation shows the reference; axe on each page', async ({ js, nojs }) => {
  // The static site's tests spent this minute's allowance of posts.
  const wait = started + 61000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const problems = [];
  const notes = [];
  for (const [ctxName, ctx] of [['js', js], ['nojs', nojs]]) {
    for (const lang of ['cy', 'en']) {
      const w = hosted[lang];
      const what = `hosted ${lang} ${ctxName}`;
      const page = await ctx.newPage();
      await page.goto(base + w.path);
      check((await page.textContent('h1')).startsWith(w.heading.split(' Cwmni')[0]), `${what}: heading ${await page.textContent('h1')}`);
      eq(await page.getAttribute('html', 'lang'), lang, `${what}: page language`);
      if (ctx === js) await axe(page, `${what} form`, problems, notes);
      const email = `hosted-${lang}-${ctxName}-${run}@example.com`;
      await page.check('#apply-kind-1'); // a PA
      await page.fill('#apply-name', `Prawf ${lang} ${ctxName}`);
      await page.fill('#apply-email', 'nid-e-bost');
      await page.fill('#apply-address', '   ');
      await page.fill('#apply-support_needs', 'Print bras');
      await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
      eq(new URL(page.url()).pathname, w.path, `${what}: refused form's address`);
      const summary = await page.textContent('.govuk-error-summary');
      check(summary.includes(w.address) && summary.includes(w.email), `${what}: summary ${summary}`);
      check((await page.textContent('#apply-address-error')).includes(w.address), `${what}: message beside the address`);
      check((await page.title()).startsWith(w.prefix), `${what}: title ${await page.title()}`);
      eq(await page.inputValue('#apply-email'), 'nid-e-bost', `${what}: email kept`);
      eq(await page.inputValue('#apply-support_needs'), 'Print bras', `${what}: support needs kept`);
      check(await page.isChecked('#apply-kind-1'), `${what}: the kind chosen is kept`);
      eq(await page.getAttribute('.govuk-error-summary a[href="#apply-address"]', 'href'), '#apply-address', `${what}: summary link`);
      if (ctx === js) await axe(page, `${what} errors`, problems, notes);
      await shot(page, `6-hosted-${lang}-${ctxName}-errors`);

      await page.fill('#apply-email', email);
      await page.fill('#apply-address', '1 Stryd y Prawf\nCaerdydd CF10 1AA');
      await Promise.all([page.waitForURL((u) => u.pathname === w.received, { timeout: 15000 }), page.click('form button[type="submit"]')]);
      const ref = await page.textContent('#reference');
      check(/^[3479ACDEFHJKMNPRTWXY]{4}-[3479ACDEFHJKMNPRTWXY]{4}$/.test(ref), `${what}: reference ${ref}`);
      check((await page.textContent('.govuk-panel')).includes(w.panel), `${what}: panel`);
      if (ctx === js) await axe(page, `${what} confirmation`, problems, notes);
      await shot(page, `6-hosted-${lang}-${ctxName}-received`);
      const mine = (await pending()).filter((x) => x.email === email);
      eq(mine.length, 1, `${what}: applications`);
      eq(mine[0].reference, ref, `${what}: stored reference`);
      eq(mine[0].kind, 'pa', `${what}: stored kind`);
      eq(mine[0].language, lang, `${what}: stored language (the page's, chosen by default)`);
      await page.close();
    }
  }
  for (const n of notes) console.log(`  note: ${n}`);
  check(problems.length === 0, problems.join('\n    '));
});

// ---- Run ----

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Playwright gives the browser a fresh, temporary user-data dir.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const js = await browser.newContext({ locale: 'cy-GB', viewport: { width: 1000, height: 900 } });
const nojs = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB', viewport: { width: 1000, height: 900 } });
const scriptErrors = [];
js.on('page', (p) => p.on('pageerror', (e) => scriptErrors.push(`${p.url()}: ${e.message}`)));

let passed = 0;
let failed = 0;
try {
  token = adminToken();
  await api('/v1/applications?status=pending&limit=1');
} catch (e) {
  console.log(`not ok - set up: ${e.message}`);
  failed++;
}
if (!failed) {
  for (const t of tests) {
    const errorsBefore = scriptErrors.length;
    try {
      await t.fn({ js, nojs });
      check(scriptErrors.length === errorsBefore, 'script errors: ' + scriptErrors.slice(errorsBefore).join('; '));
      console.log(`ok - ${t.name}`);
      passed++;
    } catch (e) {
      console.log(`not ok - ${t.name}\n    ${e instanceof Failure ? e.message : e.stack}`);
      failed++;
    }
  }
}
await browser.close();
console.log(`screenshots: ${join(shots, 'site-*.png')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
