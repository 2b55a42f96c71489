// Browser tests of the co-op's static website (site/) against a running local
// stack started with `-site site`:
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
// Each run posts about nine applications; the API allows ten a minute from one
// client, so start from a fresh stack or wait a minute between runs.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const base = (process.argv[2] || 'http://localhost:8080').replace(/\/+$/, '');
const shots = process.env.SCREENSHOTS || '/tmp';
const run = Date.now().toString(36);
const axePath = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

class Failure extends Error {}
function check(ok, message) {
  if (!ok) throw new Failure(message);
}
function eq(got, want, what) {
  check(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

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

// Submits and waits until the API has sent the browser back with an answer.
async function send(page, how) {
  if (how) {
    // Two clicks: the browser cancels the first navigation for the second,
    // so watch the address rather than one navigation.
    await how(page);
    const deadline = Date.now() + 15000;
    while (!/[?&]status=/.test(page.url())) {
      check(Date.now() < deadline, `no answer after two clicks; the page is ${page.url()}`);
      await page.waitForTimeout(100);
    }
    await page.waitForLoadState('load');
  } else {
    await Promise.all([page.waitForURL(/[?&]status=/, { timeout: 15000 }), page.click(submit)]);
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

  const got = await api(`/v1/applications/${encodeURIComponent(ref)}`);
  eq(got.email, a.email, 'stored email');
  eq(got.kind, 'member', 'stored kind');
  eq(got.language, 'en', 'stored language');
  eq(got.consent_electronic, true, 'stored consent');
  // Browsers send a textarea's line breaks as CRLF (HTML standard).
  eq(got.address.replace(/\r\n/g, '\n'), '2 Test Road\nCardiff CF11 2BB', 'stored address');
  const list = await pending();
  eq(list.filter((x) => x.id === ref).length, 1, 'pending applications with that reference');
  await page.close();
});

test('2. apply with errors in Welsh: a focused summary in Welsh, each error linked to its field, messages beside the fields', async ({ js }) => {
  const page = await js.newPage();
  await page.goto(`${base}/site/ymuno.html`);
  eq(await page.textContent('h1'), 'Ymuno â’r co-op', 'heading');
  await fill(page, { name: '', email: 'nid-e-bost', phone: '12', address: '', language: 'cy', support: 'dim' });
  const url = await send(page);
  eq(url.searchParams.get('status'), 'error', 'status');
  eq(url.searchParams.get('lang'), 'cy', 'lang');
  const fields = url.searchParams.getAll('error').map((e) => e.split(':')[0]);
  eq(fields.sort().join(','), 'address,email,kind,name,phone', 'fields in error');

  await page.waitForSelector('#error-summary');
  eq(await activeId(page), 'error-summary', 'focus on load');
  eq(await page.textContent('#error-summary h2'), 'Mae problem', 'summary title');
  check((await page.title()).startsWith('Gwall: '), 'title: ' + await page.title());
  const welsh = {
    kind: 'Llenwch y maes hwn.', name: 'Llenwch y maes hwn.', address: 'Llenwch y maes hwn.',
    email: 'Rhowch gyfeiriad e-bost fel enw@example.com.', phone: 'Rhowch rif ffôn fel 01234 567890.',
  };
  const links = await page.$$eval('#error-summary a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
  eq(links.length, 5, 'links in the summary');
  for (const f of fields) {
    const message = url.searchParams.get(`message.${f}`);
    eq(message, welsh[f], `Welsh message for ${f}`);
    const link = links.find((l) => l.text.endsWith(message) && l.href === `#${f === 'kind' ? 'kind-member' : f}`);
    check(link, `no summary link for ${f} (links: ${JSON.stringify(links)})`);
    const target = page.locator(link.href);
    eq(await target.count(), 1, `target ${link.href}`);
    // The message beside the field, inside the field's group, tied to it.
    const inline = page.locator(`.field[data-field="${f}"] #${f}-error`);
    check(await inline.isVisible(), `no message beside ${f}`);
    check((await inline.textContent()).includes(message), `message beside ${f}: ${await inline.textContent()}`);
    check((await inline.textContent()).startsWith('Gwall:'), `message beside ${f} does not start with "Gwall:"`);
    eq(await target.getAttribute('aria-invalid'), 'true', `aria-invalid on ${f}`);
    const described = await page.locator(`.field[data-field="${f}"] [aria-describedby~="${f}-error"]`).count();
    check(described === 1, `${f}-error is not in aria-describedby`);
  }
  // Following a link puts the cursor in the field.
  await page.click('#error-summary a[href="#email"]');
  eq(await activeId(page), 'email', 'focus after following the email link');
  await page.click('#error-summary a[href="#kind-member"]');
  eq(await activeId(page), 'kind-member', 'focus after following the kind link');
  // Nothing personal comes back; the language chosen does.
  for (const id of ['name', 'email', 'phone', 'address', 'support_needs']) eq(await page.inputValue(`#${id}`), '', `#${id} after an error`);
  check(await page.isChecked('#language-cy'), 'the language chosen is not ticked again');
  await page.locator('#error-summary').focus();
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
  const got = await api(`/v1/applications/${encodeURIComponent(ref)}`);
  eq(got.email, a.email, 'stored email');
  eq(got.consent_electronic, false, 'stored consent');
  await shot(page, '4-nojs-sent');

  // An answer only the API can refuse (an address of spaces) also comes back
  // to the page, which says plainly what it can and cannot show.
  await page.goto(`${base}/site/apply.html`);
  await fill(page, applicant('nojserr', { language: 'en', address: '   ' }));
  const bad = await send(page);
  eq(bad.searchParams.get('status'), 'error', 'status');
  eq(bad.searchParams.get('error'), 'address:required', 'error');
  check(await page.isVisible('#sent'), 'the box is not shown after an error');
  await shot(page, '4-nojs-error');
  state.errorsEn = bad.href;
  await page.close();
});

test('5. axe-core (WCAG 2.2 AA): no violations on both forms, the error state and the thank-you state', async ({ js }) => {
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
  pages.push(['sent box cy (no form.js)', `${base}/site/ymuno.html?status=error&lang=cy#anfonwyd`, bare]);
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
    await page.addScriptTag({ path: axePath });
    const res = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete', 'passes'] });
      const bp = await window.axe.run(document, { runOnly: { type: 'tag', values: ['best-practice'] }, resultTypes: ['violations'] });
      const brief = (v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
      return { passes: r.passes.length, violations: r.violations.map(brief), incomplete: r.incomplete.map(brief), practice: bp.violations.map(brief) };
    }, axeTags);
    if (res.passes < 5) problems.push(`${what}: axe checked only ${res.passes} rules`);
    console.log(`  axe ${what}: ${res.passes} rules passed, ${res.violations.length} violations`);
    for (const v of res.violations) problems.push(`${what}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
    for (const v of res.practice) notes.push(`${what}: best practice ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
    for (const v of res.incomplete) notes.push(`${what}: to check by hand ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
    await page.close();
  }
  await bare.close();
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
