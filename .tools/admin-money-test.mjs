// Browser journeys of the admins' money, pool and vote pages
// (internal/web/admin_money*.go), run by .tools/pages-test.mjs after the
// member's journeys. The demo co-op's admin (a Welsh speaker) signs in with
// the outbox's code, records a council payment into a member's account (a
// refused one first, its error summary and answers kept), drafts a motion,
// opens it, and closes it through the confirm page: in Welsh and English,
// with JavaScript on and off, each on its own member and motion. axe-core
// checks every page of the area in both languages.

import { join } from 'node:path';

const words = {
  cy: { summary: 'Arian y cwmni', paid: "Mae'r taliad wedi'i gofnodi.", error: 'Mae problem', drafted: "Mae'r cynnig wedi'i ddrafftio",
    opened: "Mae'r bleidlais ar agor.", closed: "Mae'r bleidlais wedi cau ac wedi'i chyfrif.", confirm: 'Allwch chi ddim dadwneud hyn.', result: 'Y canlyniad' },
  en: { summary: "The co-op's money", paid: 'The payment is recorded.', error: 'There is a problem', drafted: 'The motion is drafted',
    opened: 'The vote is open.', closed: 'The vote is closed and counted.', confirm: 'You cannot undo this.', result: 'The result' },
};

// adminMoneyTests are the admin's money and votes journeys, for
// pages-test.mjs to run.
export function adminMoneyTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const [year, month] = today.split('-').map(Number);
  const closes = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 24 * 3600 * 1000);

  async function journey({ context, js, lang, member, amount, title, label }) {
    const w = words[lang];
    const axeIf = async (page, what) => { if (js) await axe(page, `admin money ${label} ${what}`); };
    const email = 'admin@demo.coop.example';
    const page = await context.newPage();
    await page.goto(`${base}/admin/money`);
    eq(path(page), '/sign-in', 'an admin page before sign-in');
    await page.goto(`${base}/sign-in?lang=${lang}`);
    await page.fill('#signin-email', email);
    await page.click('main button[type=submit]');
    await page.fill('#code-code', lastCode(email));
    await page.click('main button[type=submit]');
    eq(path(page), '/admin', 'after the code');

    // The summary, the member's account and the council payment.
    await page.goto(`${base}/admin/money?lang=${lang}`);
    eq(await page.getAttribute('html', 'lang'), lang, 'the money page language');
    eq((await page.textContent('h1')).trim(), w.summary, 'the money heading');
    await axeIf(page, 'summary');
    await page.click(`main a:has-text("${member}")`);
    check(path(page).startsWith('/admin/money/'), `the member's account link: ${page.url()}`);
    const account = path(page);
    await axeIf(page, 'account');
    await page.click(`a[href="${account}/payment"]`);
    eq(path(page), `${account}/payment`, 'the payment link');
    await axeIf(page, 'payment');
    await page.fill('#payment-council', 'cardiff');
    await page.click('main button[type=submit]');
    check(await page.isVisible('.govuk-error-summary'), 'no error summary for a payment without an amount');
    check((await page.textContent('.govuk-error-summary__title')).includes(w.error), 'the error summary title');
    eq(await page.inputValue('#payment-council'), 'cardiff', 'the council kept');
    await axeIf(page, 'payment error');
    await page.click('.govuk-error-summary a >> nth=0');
    if (js) eq(await page.evaluate(() => document.activeElement && document.activeElement.id), 'payment-amount_pence', 'the error link moves to the amount');
    await page.fill('#payment-amount_pence', amount);
    for (const [field, day] of [['period_from', 1], ['period_to', 28]]) {
      await page.fill(`#payment-${field}-day`, String(day));
      await page.fill(`#payment-${field}-month`, String(month));
      await page.fill(`#payment-${field}-year`, String(year));
    }
    await page.click('main button[type=submit]');
    eq(path(page), account, 'after the payment');
    check((await page.textContent('.govuk-notification-banner')).includes(w.paid), 'no banner after the payment');
    check((await page.textContent('main')).includes(`£${amount}`), `the account does not show £${amount}`);
    await axeIf(page, 'account paid');
    await page.click('a[href*="/reverse?month="] >> nth=0');
    check(path(page).endsWith('/reverse'), 'the reverse link');
    await axeIf(page, 'reverse');
    await page.goto(`${base}${account}/adjustment`);
    await axeIf(page, 'adjustment');
    for (const p of ['/admin/pools', '/admin/pools/new', '/admin/motions/rules']) {
      await page.goto(base + p);
      eq(path(page), p, p);
      await axeIf(page, p);
    }

    // A motion: drafted, opened, closed through the confirm page.
    await page.goto(`${base}/admin/motions`);
    await axeIf(page, 'motions');
    await page.click('a[href="/admin/motions/new"]');
    await axeIf(page, 'motion form');
    await page.fill('#motion-title_cy', `${title} (cy)`);
    await page.fill('#motion-title_en', `${title} (en)`);
    await page.fill('#motion-text_cy', `Bod y cwmni'n cytuno: ${title}.`);
    await page.fill('#motion-text_en', `That the co-op agrees: ${title}.`);
    await page.fill('#motion-closes_at-day', String(closes.getUTCDate()));
    await page.fill('#motion-closes_at-month', String(closes.getUTCMonth() + 1));
    await page.fill('#motion-closes_at-year', String(closes.getUTCFullYear()));
    await page.click('main button[type=submit]');
    check(path(page).startsWith('/admin/motions/'), `after drafting: ${page.url()}`);
    check((await page.textContent('.govuk-notification-banner')).includes(w.drafted), 'no banner after drafting');
    const motion = path(page);
    await axeIf(page, 'draft');
    await page.click(`form[action="${motion}/open"] button`);
    eq(path(page), motion, 'after opening');
    check((await page.textContent('.govuk-notification-banner')).includes(w.opened), 'no banner after opening');
    await axeIf(page, 'open motion');
    await page.click(`a[href="${motion}/close"]`);
    eq(path(page), `${motion}/close`, 'the close link');
    check((await page.textContent('main')).includes(w.confirm), 'the confirm page does not warn');
    await axeIf(page, 'close confirm');
    await page.click('main form button[type=submit]');
    eq(path(page), motion, 'after closing');
    check((await page.textContent('.govuk-notification-banner')).includes(w.closed), 'no banner after closing');
    check((await page.textContent('main')).includes(w.result), 'no result after closing');
    await axeIf(page, 'closed motion');
    await page.screenshot({ path: join(shots, `pages-admin-money-${label}.png`), fullPage: true });
    await page.close();
  }

  const run = (name, opts) => [name, async () => {
    const ctx = watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await journey({ context: ctx, ...opts });
    await ctx.close();
  }];
  return [
    run('Welsh, JavaScript on: the admin records a council payment for Gwen, opens and closes a motion', { js: true, lang: 'cy', member: 'Gwen Morgan', amount: '1,100.00', title: 'Cyfarfod blynyddol', label: 'cy-js' }),
    run('English, JavaScript on: the admin records a council payment for Rhys, opens and closes a motion', { js: true, lang: 'en', member: 'Rhys Price', amount: '1,200.00', title: 'Annual meeting', label: 'en-js' }),
    run('Welsh, JavaScript off: the admin records a council payment for Siân, opens and closes a motion', { js: false, lang: 'cy', member: 'Siân Hughes', amount: '1,300.00', title: 'Gwyliau', label: 'cy-nojs' }),
    run('English, JavaScript off: the admin records a council payment for Rhys again, opens and closes a motion', { js: false, lang: 'en', member: 'Rhys Price', amount: '1,400.00', title: 'Holidays', label: 'en-nojs' }),
  ];
}
