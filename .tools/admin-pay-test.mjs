// Browser journeys of the admins' payroll pages (internal/web/admin_pay.go),
// run by .tools/pages-test.mjs after the member's journeys. The demo admin
// signs in with the outbox's code and, in Welsh with JavaScript off, starts
// last month's run (first with a month to come, which the error summary
// shows), reads the preview, calculates it again, finalises it through the
// confirm page and downloads a payslip. In English with JavaScript on, on
// other data, they change the payroll settings (first with a mistake) so a
// month is paid within it, have Tom record a shift this month and Rhys
// approve it through their own pages, and run, finalise and download this
// month's payslip. axe-core checks every payroll page in both languages.

import { join } from 'node:path';

const words = {
  cy: { runs: 'Cyflogres', start: "Cyfrifo'r gyflogres", error: 'Mae problem', preview: 'Rhagolwg', final: "Wedi'i chwblhau",
    finalise: "Cwblhau'r gyflogres", undo: 'Allwch chi ddim dadwneud hyn.', again: 'Cyfrifo eto', slip: "Lawrlwytho'r slip cyflog",
    finalised: "Mae'r gyflogres wedi'i chwblhau.", saved: "Mae gosodiadau'r gyflogres wedi'u cadw." },
  en: { runs: 'Payroll', start: 'Calculate payroll', error: 'There is a problem', preview: 'Preview', final: 'Final',
    finalise: 'Finalise payroll', undo: 'You cannot undo this.', again: 'Calculate again', slip: 'Download the payslip',
    finalised: 'Payroll is finalised.', saved: 'The payroll settings are saved.' },
};

// months are TODAY's month and the one before, as YYYY-MM.
function months() {
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const [y, m] = today.split('-').map(Number);
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return { last: prev, now: today.slice(0, 7), today };
}

// adminPayTests are the payroll journeys, for pages-test.mjs to run.
export function adminPayTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;

  async function signIn(page, who, lang) {
    await page.goto(`${base}/sign-in?lang=${lang}`);
    await page.fill('#signin-email', `${who}@demo.coop.example`);
    await page.click('main button[type=submit]');
    await page.fill('#code-code', lastCode(`${who}@demo.coop.example`));
    await page.click('main button[type=submit]');
  }

  // both runs axe on the page as it is in each language, ending in lang.
  async function both(page, what, lang) {
    const url = new URL(page.url());
    for (const l of lang === 'cy' ? ['en', 'cy'] : ['cy', 'en']) {
      url.searchParams.set('lang', l);
      await page.goto(url.toString());
      eq(await page.getAttribute('html', 'lang'), l, `${what} in ${l}`);
      await axe(page, `admin pay ${what} ${l}`);
    }
  }

  // waitForRun reloads the run's page until its calculation is done, as an
  // admin would.
  async function waitForRun(page, month, w) {
    for (let i = 0; i < 60; i++) {
      await page.goto(`${base}/admin/payroll/${month}`);
      // No tag yet: the run just started is not recorded yet.
      const tag = await page.locator('main .govuk-tag').count() ? (await page.textContent('main .govuk-tag')).trim() : '';
      if (tag !== '' && tag !== 'Wrthi\'n cyfrifo' && tag !== 'Calculating') {
        eq(tag, w.preview, `${month}'s run after calculating`);
        return;
      }
      await page.waitForTimeout(500);
    }
    check(false, `${month}'s run was never calculated`);
  }

  // runAndFinalise starts a month's run from the runs page, reads the preview
  // (and, if again, calculates it again), finalises it through the confirm
  // page and downloads a payslip.
  async function runAndFinalise(page, { month, lang, js, again, label }) {
    const w = words[lang];
    await page.goto(`${base}/admin/payroll`);
    await page.click(`.govuk-service-navigation a:has-text("${w.runs}")`);
    eq(path(page), '/admin/payroll', 'the navigation link');
    await page.selectOption('#payrun-month', month);
    await page.click(`main button:has-text("${w.start}")`);
    eq(path(page), `/admin/payroll/${month}`, 'after starting the run');
    await waitForRun(page, month, w);
    check((await page.textContent('main')).includes('£'), 'the preview shows no totals');
    check(await page.locator('main table tbody tr').count() > 0, 'the preview shows no payslips');
    if (js) await both(page, 'preview', lang);
    if (again) {
      await page.click(`main button:has-text("${w.again}")`);
      await waitForRun(page, month, w);
    }
    await page.click(`main a.govuk-button:has-text("${w.finalise}")`);
    eq(path(page), `/admin/payroll/${month}/finalise`, 'the confirm page');
    check((await page.textContent('main')).includes(w.undo), 'the confirm page does not warn');
    check(await page.locator('main .govuk-list--bullet li').count() === 4, 'the confirm page does not summarise');
    if (js) await both(page, 'confirm', lang);
    await page.click('main button.govuk-button--warning');
    eq(path(page), `/admin/payroll/${month}`, 'after finalising');
    check((await page.textContent('.govuk-notification-banner')).includes(w.finalised), 'no banner after finalising');
    eq((await page.textContent('main .govuk-tag')).trim(), w.final, 'the run after finalising');
    if (js) await both(page, 'final', lang);
    const link = page.locator(`main a:has-text("${w.slip}")`).first();
    const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
    check(/^payslip-.*\.pdf$/.test(dl.suggestedFilename()), `the payslip's name ${dl.suggestedFilename()}`);
    const file = await dl.path();
    check(file !== null, 'the payslip was not downloaded');
    await page.screenshot({ path: join(shots, `pages-admin-pay-${label}.png`), fullPage: true });
    if (js) {
      // Each payslip's PA links to their pay page: the employer's duties.
      await page.click('main table tbody tr a[href$="/pay"] >> nth=0');
      check(/^\/admin\/pas\/[^/]+\/pay$/.test(path(page)), `the PA's pay page: ${path(page)}`);
      await both(page, 'PA pay page', lang);
    }
  }

  const context = (js, lang) => browser.newContext({ javaScriptEnabled: js, locale: lang === 'cy' ? 'cy-GB' : 'en-GB', viewport, acceptDownloads: true });

  return [
    ['Welsh, JavaScript off: the admin runs and finalises last month\'s payroll', async () => {
      const { last } = months();
      const w = words.cy;
      const ctx = watch(await context(false, 'cy'));
      const page = await ctx.newPage();
      await signIn(page, 'admin', 'cy');
      await page.goto(`${base}/admin/payroll`);
      eq(await page.getAttribute('html', 'lang'), 'cy', 'the admin\'s stored language');
      // The latest month offered is this month; a run for it is refused while
      // last month is unpaid, with the error summary.
      await page.selectOption('#payrun-month', months().now);
      await page.click(`main button:has-text("${w.start}")`);
      check(await page.isVisible('.govuk-error-summary'), 'no error summary for a month with one unpaid before it');
      check((await page.textContent('.govuk-error-summary__title')).includes(w.error), 'error summary title');
      await runAndFinalise(page, { month: last, lang: 'cy', js: false, again: true, label: 'cy-nojs' });
      await ctx.close();
    }],
    ['English, JavaScript on: settings, then this month\'s payroll on a shift recorded and approved today', async () => {
      const { now, today } = months();
      const w = words.en;
      const ctx = watch(await context(true, 'en'));
      const page = await ctx.newPage();

      // Tom records a shift today and Rhys approves it, through their pages.
      await signIn(page, 'tom', 'en');
      await page.goto(`${base}/pa/shifts/new`);
      await page.fill('#shift-start', '05:00');
      await page.fill('#shift-end', '06:00');
      await page.check('label:has-text("Rhys Price")');
      await page.click('main button[type=submit]');
      eq(path(page), '/pa', `Tom's shift on ${today}`);
      await ctx.clearCookies();
      await signIn(page, 'rhys', 'en');
      await page.goto(`${base}/member/shifts`);
      await page.locator('form[action$="/approve"] button').first().click();
      eq(path(page), '/member/shifts', 'Rhys approved the shift');
      await ctx.clearCookies();

      await signIn(page, 'admin', 'en');
      await page.goto(`${base}/admin/payroll?lang=en`);
      await both(page, 'runs', 'en');
      await page.goto(`${base}/admin/payroll/p60s`);
      await both(page, 'p60s', 'en');
      await page.goto(`${base}/admin/payroll/settings`);
      await both(page, 'settings', 'en');
      await page.fill('#paysettings-pay_day', '40');
      await page.check('#paysettings-pays_within_month');
      await page.click('main form[action="/admin/payroll/settings"] button');
      check(await page.isVisible('.govuk-error-summary'), 'no error summary for pay day 40');
      eq(await page.inputValue('#paysettings-pay_day'), '40', 'the wrong answer kept');
      await axe(page, 'admin pay settings error en');
      await page.fill('#paysettings-pay_day', '28');
      await page.click('main form[action="/admin/payroll/settings"] button');
      eq(path(page), '/admin/payroll/settings', 'after saving the settings');
      check((await page.textContent('.govuk-notification-banner')).includes(w.saved), 'no banner after saving');
      await runAndFinalise(page, { month: now, lang: 'en', js: true, label: 'en-js' });
      await ctx.close();
    }],
  ];
}
