// Browser journeys of the admins' pages of area "reg" (internal/web/admin_reg.go),
// run by .tools/pages-test.mjs after the member's journeys. Each journey makes
// its own data: an application sent through the public API, which the admin
// (admin@demo.coop.example, signed in with the outbox's code) approves with the
// date the board decided; a PA they hire (the error summary first); an
// employment they start for a member, and a rate they change from a date. In
// Welsh and English, with JavaScript on and off; axe-core checks every page of
// the area in both languages.

import { politeFetch } from './checks.mjs';

const words = {
  cy: { home: 'Beth sydd angen ei wneud', approved: "Mae'r cais wedi'i dderbyn", hired: "Mae cofnod y cynorthwyydd personol wedi'i greu",
    employed: "Mae'r gyflogaeth wedi dechrau", rates: "Mae'r cyfraddau newydd wedi'u cadw", nameMissing: 'Rhowch', left: 'Gadawodd' },
  en: { home: 'What needs doing', approved: 'The application is approved', hired: "The PA's record is made",
    employed: 'The employment has started', rates: 'The new rates are saved', nameMissing: 'Enter', left: 'Why they left' },
};

// apply sends an application to the demo co-op through the public API.
async function apply(base, check, label) {
  const res = await politeFetch(`${base}/v1/public/coops/demo/applications`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `admin-reg-${label}` },
    body: JSON.stringify({ kind: 'member', name: `Ymgeisydd ${label}`, email: `applicant-${label}@example.com`, address: '1 Stryd y Castell, Caerdydd', language: 'cy', consent_electronic: true }) });
  const text = await res.text();
  check(res.ok, `apply: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// adminRegTests are the journeys of area "reg", for pages-test.mjs to run.
export function adminRegTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  // The stack's day (TODAY), so the journey's dates work on every test date:
  // a day some days before it, or the first of its month.
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const daysBefore = (n) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 24 * 3600 * 1000);
  const firstOfMonth = new Date(`${today.slice(0, 8)}01T12:00:00Z`);
  const fillDate = async (page, id, d) => {
    await page.fill(`#${id}-day`, String(d.getUTCDate()));
    await page.fill(`#${id}-month`, String(d.getUTCMonth() + 1));
    await page.fill(`#${id}-year`, String(d.getUTCFullYear()));
  };

  async function journey({ context, js, lang, label, ni }) {
    const w = words[lang];
    const axeIf = async (page, what) => { if (js) await axe(page, `admin reg ${label} ${what}`); };
    const app = await apply(base, check, label);
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.fill('#signin-email', 'admin@demo.coop.example');
    await page.click('main button[type=submit]');
    await page.fill('#code-code', lastCode('admin@demo.coop.example'));
    await page.click('main button[type=submit]');
    eq(path(page), '/admin', 'after the code');
    await page.goto(`${base}/admin?lang=${lang}`);
    eq(await page.getAttribute('html', 'lang'), lang, 'the language chosen');
    eq((await page.textContent('h1')).trim(), w.home, 'the dashboard heading');
    await axeIf(page, 'dashboard');

    // Approve the application, with the date the board decided.
    await page.click('a[href="/admin/applications"] >> nth=-1');
    eq(path(page), '/admin/applications', 'the applications');
    await axeIf(page, 'applications');
    await page.click(`a[href="/admin/applications/${app.id}"]`);
    await axeIf(page, 'application');
    await fillDate(page, 'app-date_entered', daysBefore(3));
    await page.click(`form[action$="/approve"] button`);
    eq(path(page), '/admin/applications', 'after approving');
    check((await page.textContent('.govuk-notification-banner')).includes(w.approved), 'no banner after approving');

    // The register, a member's page and the audit trail.
    await page.goto(`${base}/admin/members`);
    await axeIf(page, 'register');
    await page.click(`a:has-text("Ymgeisydd ${label}")`);
    const entered = daysBefore(3), memberText = await page.textContent('main');
    check(memberText.includes(`${entered.getUTCDate()} `) && memberText.includes(`${entered.getUTCFullYear()}`), "the member's page does not show the date entered");
    await axeIf(page, 'member');
    await page.goto(`${base}/admin/audit`);
    await axeIf(page, 'audit');
    check(await page.locator('tbody tr').count() > 0, 'the audit trail is empty after approving');

    // Hire a PA: the error summary first, then the record.
    await page.goto(`${base}/admin/pas`);
    await axeIf(page, 'PAs');
    await page.click('a[href="/admin/pas/new"]');
    await axeIf(page, 'hire');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.govuk-error-summary', { timeout: 10000 }).catch(() => {});
    check(await page.isVisible('.govuk-error-summary'), 'no error summary for an empty form');
    check((await page.textContent('.govuk-error-summary')).includes(w.nameMissing), 'the error summary does not ask for the answers');
    await axeIf(page, 'hire error');
    await page.fill('#pa-legal_name', `Cynorthwyydd ${label}`);
    await page.fill('#pa-email', `pa-${label}@example.com`);
    await page.fill('#pa-address', '2 Heol y Frenhines, Caerdydd');
    await page.check(`#pa-language${lang === 'cy' ? '' : '-1'}`);
    await page.fill('#pa-date_of_birth-day', '1');
    await page.fill('#pa-date_of_birth-month', '5');
    await page.fill('#pa-date_of_birth-year', '1990');
    await page.fill('#pa-ni_number', ni);
    await page.check('#pa-starter_declaration');
    await page.fill('#pa-ni_category', 'A');
    await fillDate(page, 'pa-start_date', firstOfMonth);
    await page.fill('#pa-account_name', `Cynorthwyydd ${label}`);
    await page.fill('#pa-sort_code', '112233');
    await page.fill('#pa-account_number', '12345678');
    await page.click('main form button[type=submit]');
    check(/^\/admin\/pas\/[^/]+$/.test(path(page)), `not on the PA's page after hiring: ${path(page)}`);
    check((await page.textContent('.govuk-notification-banner')).includes(w.hired), 'no banner after hiring');
    await axeIf(page, 'PA');

    // An employment for Gwen, then a rate from a date.
    await page.click('a[href$="/employments/new"]');
    await axeIf(page, 'employment');
    await page.getByLabel('Gwen Morgan').check();
    await fillDate(page, 'emp-start_date', firstOfMonth);
    await page.fill('#emp-standard', '13.00');
    await page.fill('#emp-night', '14.00');
    await page.fill('#emp-sleep_in', '80');
    await page.fill('#emp-bank_holiday', '19.50');
    await page.click('main form button[type=submit]');
    check((await page.textContent('.govuk-notification-banner')).includes(w.employed), 'no banner after starting the employment');
    await page.click('a[href$="/rates"] >> nth=0');
    await axeIf(page, 'rates');
    await fillDate(page, 'emp-effective_from', daysBefore(0));
    await page.fill('#emp-standard', '13.50');
    await page.click('main form button[type=submit]');
    check((await page.textContent('.govuk-notification-banner')).includes(w.rates), 'no banner after changing the rates');
    check((await page.textContent('main')).includes('£13.50'), 'the new rate is not shown');
    if (js) {
      // The area's other pages, read and left unchanged.
      const pa = path(page);
      await page.goto(`${base}${pa}/edit`);
      await axeIf(page, 'PA record');
      await page.goto(`${base}${pa}`);
      await page.click('a[href$="/end"] >> nth=0');
      await axeIf(page, 'end employment');
      await page.goto(`${base}/admin/shifts/waiting`);
      await axeIf(page, 'shifts waiting');
      await page.goto(`${base}/admin/members`);
      await page.click(`a:has-text("Ymgeisydd ${label}")`);
      await page.click('a[href$="/details"]');
      await axeIf(page, 'member details');
      await page.fill('#mdetails-address', '5 Stryd y Farchnad, Aberystwyth SY23 1AA');
      await page.click('main form button[type=submit]');
      check((await page.textContent('main')).includes('5 Stryd y Farchnad'), 'the corrected address is not shown');
      await page.click('a[href$="/cease"]');
      await axeIf(page, 'cease');
      await page.fill('#cease-reason', 'Symud i ffwrdd / Moved away');
      await page.click('main form button[type=submit]');
      check(await page.locator('input[name=confirm][value=yes]').count() === 1, 'no confirm page before ceasing: ' + (await page.textContent('main')).replace(/\s+/g, ' ').slice(0, 400));
      await axeIf(page, 'cease confirm');
      await page.click('main a.govuk-link');
      check(!(await page.textContent('main')).includes(w.left), 'the member left without confirming');
    }
    await page.close();
  }

  const run = (name, opts) => [name, async () => {
    const ctx = watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await journey({ context: ctx, ...opts });
    await ctx.close();
  }];
  return [
    run('admin, Welsh, JavaScript on: approve an application, hire a PA, set a rate', { js: true, lang: 'cy', label: 'cy-js', ni: 'AB123456C' }),
    run('admin, English, JavaScript on: approve an application, hire a PA, set a rate', { js: true, lang: 'en', label: 'en-js', ni: 'AB123457C' }),
    run('admin, Welsh, JavaScript off: approve an application, hire a PA, set a rate', { js: false, lang: 'cy', label: 'cy-nojs', ni: 'AB123458C' }),
    run('admin, English, JavaScript off: approve an application, hire a PA, set a rate', { js: false, lang: 'en', label: 'en-nojs', ni: 'AB123459C' }),
  ];
}
