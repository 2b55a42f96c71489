// Browser checks of finding the right PA and the co-op's activities (issue
// #22): Catrin shares that she speaks Welsh (a tick with no answer refused
// first); Gwen says she must have a PA who speaks Welsh and sees Catrin among
// her matches, with the reason; Catrin sees an unnamed need and offers; the
// admin sees the offer. The admin adds an activity (an empty form refused
// first), Gwen says she is coming and makes her calendar address, Tom reads
// the list, and Gwen withdraws her preferences through the confirm page. In
// Welsh and English, with JavaScript on (axe-core on every page) and off.

import { signIn as signInAs, shownOnce } from './checks.mjs';

// findingTests are the checks, for pages-test.mjs to run.
export function findingTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const daysAfter = (n) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 24 * 3600 * 1000).toISOString().slice(0, 10);

  const signIn = (page, email, lang, home) => signInAs(page, { base, lastCode }, email, lang, home);

  async function round({ fresh, js, lang, label, day }) {
    const axeIf = async (page, what) => { if (js) await axe(page, `finding ${label} ${what}`); };
    const main = async (page) => (await page.textContent('main')).replace(/\s+/g, ' ');
    // Gwen's name, not the Welsh Friday (Gwener); textContent runs a label
    // into its value ("comingGwen"), so no word boundary is asked before it
    const gwenNamed = (text) => /Gwen(?!er)/.test(text);
    const person = async (who, home) => {
      const page = await (await fresh()).newPage();
      await signIn(page, `${who}@demo.coop.example`, lang, home);
      return page;
    };
    // when fills a date and time input: day, month, year, hour and minute
    const when = async (page, field, date, hour, minute) => {
      const [y, m, d] = date.split('-');
      for (const [part, value] of [['day', d], ['month', m], ['year', y], ['hour', hour], ['minute', minute]]) {
        await page.fill(`#newact-${field}-${part}`, String(Number(value)));
      }
    };
    const errors = async (page, what) => {
      check(await shownOnce(page, '.govuk-error-summary'), `${label}: no error summary ${what}`);
      await axeIf(page, `${what} errors`);
    };

    // Catrin shares that she speaks Welsh
    const catrin = await person('catrin', '/pa');
    await catrin.goto(`${base}/pa/profile`);
    await axeIf(catrin, 'PA profile');
    await catrin.check('input[name=consent][value=languages]');
    await catrin.uncheck('input[name=languages][value=cy]'); // kept from a round before
    await catrin.click('main form button[type=submit]');
    await errors(catrin, 'a shared field with no answer');
    await catrin.check('input[name=consent][value=languages]');
    await catrin.check('input[name=languages][value=cy]');
    await catrin.click('main form button[type=submit]');
    check(await catrin.locator('.govuk-error-summary').count() === 0, `${label}: Catrin's profile refused: ${(await main(catrin)).slice(0, 300)}`);

    // Gwen must have Welsh, and sees Catrin with the reason
    const gwen = await person('gwen', '/member');
    await gwen.goto(`${base}/member/preferences`);
    await axeIf(gwen, 'member preferences');
    await gwen.check('input[name=consent][value=languages]');
    await gwen.check('input[name=languages][value=cy]');
    await gwen.check('input[name=must][value=languages]');
    await gwen.click('form[action="/member/preferences"] button[type=submit]'); // not the Easy Read switch above it
    check(await gwen.locator('.govuk-error-summary').count() === 0, `${label}: Gwen's preferences refused: ${(await main(gwen)).slice(0, 300)}`);
    await gwen.goto(`${base}/member/matches`);
    await axeIf(gwen, 'member matches');
    check((await main(gwen)).includes('Catrin'), `${label}: Catrin is not among Gwen's matches: ${(await main(gwen)).slice(0, 300)}`);

    // Catrin sees a need with no name, and offers
    await catrin.goto(`${base}/pa/needs`);
    await axeIf(catrin, 'PA needs');
    const needs = await main(catrin);
    check(!gwenNamed(needs) && !needs.includes('Morgan'), `${label}: the needs name the member`);
    check(await catrin.locator('form[action$="/offer"]').count() > 0, `${label}: Catrin is offered no need to meet`);
    await catrin.click('form[action$="/offer"] button[type=submit] >> nth=0');
    check(await catrin.locator('.govuk-error-summary').count() === 0, `${label}: the offer was refused`);

    // the admin: the offer, Gwen's preferences and matches, an activity
    const admin = await person('admin', '/admin');
    await admin.goto(`${base}/admin/offers`);
    await axeIf(admin, 'offers');
    check((await main(admin)).includes('Catrin'), `${label}: the admin does not see Catrin's offer`);
    await admin.goto(`${base}/admin/activities/new`);
    await axeIf(admin, 'new activity');
    await admin.click('main form button[type=submit]');
    await errors(admin, 'an empty activity');
    const title = `Picnic ${label}`;
    await admin.fill('#newact-title_cy', `${title} (cy)`);
    await admin.fill('#newact-title_en', `${title} (en)`);
    await admin.fill('#newact-description_cy', 'Picnic yn y parc');
    await admin.fill('#newact-description_en', 'A picnic in the park');
    await when(admin, 'starts_at', daysAfter(day), '11', '00');
    await when(admin, 'ends_at', daysAfter(day), '14', '00');
    await admin.fill('#newact-place', 'Parc Bute, Caerdydd');
    await admin.click('main form button[type=submit]');
    eq(path(admin), '/admin/activities', `${label}: after adding an activity: ${(await main(admin)).slice(0, 300)}`);
    await axeIf(admin, 'activities');

    // the admin runs yesterday's outing: a pool for it, the activity with
    // its cost, a change of place, the cost charged through the confirm page
    // (refused: the new pool holds nothing yet), and a PA's shift refused as
    // nobody said they were coming
    const pool = `Clwb ${label}`;
    await admin.goto(`${base}/admin/pools/new`);
    await admin.fill('#newpool-name_cy', pool);
    await admin.fill('#newpool-name_en', pool);
    await admin.fill('#newpool-purpose_cy', 'Teithiau');
    await admin.fill('#newpool-purpose_en', 'Outings');
    await admin.check('input[name=rule][value=equal_share]');
    await admin.fill('#newpool-spending_limit_pence', '100');
    await admin.click('main form button[type=submit]');
    check(await admin.locator('.govuk-error-summary').count() === 0, `${label}: the pool refused: ${(await main(admin)).slice(0, 300)}`);
    await admin.goto(`${base}/admin/activities/new`);
    const outing = `Outing ${label}`;
    await admin.fill('#newact-title_cy', `${outing} (cy)`);
    await admin.fill('#newact-title_en', `${outing} (en)`);
    await admin.fill('#newact-description_cy', 'Taith i lan y môr');
    await admin.fill('#newact-description_en', 'A trip to the sea');
    await when(admin, 'starts_at', daysAfter(-1), '10', '00');
    await when(admin, 'ends_at', daysAfter(-1), '12', '30');
    await admin.fill('#newact-place', 'Porthcawl');
    await admin.fill('#newact-cost_pence', '20.01');
    await admin.selectOption('#newact-pool_id', { label: pool });
    await admin.click('main form button[type=submit]');
    eq(path(admin), '/admin/activities', `${label}: after adding yesterday's outing: ${(await main(admin)).slice(0, 300)}`);
    await admin.click(`main a:has-text("${lang === 'cy' ? `${outing} (cy)` : `${outing} (en)`}")`);
    const outingPage = admin.url().split('?')[0];
    await axeIf(admin, 'an activity');
    await admin.click(`main a[href$="/edit"]`);
    await axeIf(admin, 'change an activity');
    await admin.fill('#newact-ends_at-hour', '9');
    await admin.click('main form button[type=submit]');
    await errors(admin, 'an activity ending before it starts');
    await admin.fill('#newact-ends_at-hour', '13');
    await admin.fill('#newact-place', 'Porthcawl, y traeth');
    await admin.click('main form button[type=submit]');
    check((await main(admin)).includes('Porthcawl, y traeth'), `${label}: the change of place is not shown: ${(await main(admin)).slice(0, 300)}`);
    await admin.click(`main form[action$="/charge"] button[type=submit]`);
    check((await main(admin)).includes('£20.01') && (await main(admin)).includes(pool), `${label}: the confirm page does not name the amount and pool`);
    await axeIf(admin, 'charge confirm');
    await admin.click('main form button[type=submit]');
    // a new pool holds nothing yet (its members pay in at month end), so the
    // charge is refused and nothing is spent (the Go tests charge a funded one)
    await errors(admin, 'a charge the pool cannot pay yet');
    await admin.goto(outingPage);
    check(await admin.locator('main form[action$="/charge"]').count() === 1, `${label}: a refused charge was kept`);
    await admin.goto(`${outingPage}/shift`);
    await axeIf(admin, 'make a shift');
    await admin.click('main form button[type=submit]');
    await errors(admin, 'a shift with no PA chosen');
    await admin.check('input[name=pa_id] >> nth=0');
    await admin.click('main form button[type=submit]');
    await errors(admin, 'a shift for an activity nobody came to');

    // Gwen is coming, and makes her calendar address
    await gwen.goto(`${base}/activities`);
    await axeIf(gwen, 'activities, member');
    const heading = gwen.locator(`h2:has-text("${title}")`);
    check(await heading.count() === 1, `${label}: Gwen does not see the new activity`);
    const form = gwen.locator(`form[action^="/activities/"]:below(h2:has-text("${title}"))`).first();
    await form.locator('button[type=submit]').click();
    await gwen.waitForLoadState('load'); // the answer's page, before anything else is sent
    check(await gwen.locator('.govuk-error-summary').count() === 0, `${label}: Gwen's answer was refused`);
    await gwen.click('form[action="/activities/feed"] button[type=submit]');
    check((await main(gwen)).includes('/calendar/'), `${label}: no calendar address shown`);
    await admin.goto(`${base}/admin/activities`);
    check(gwenNamed(await main(admin)), `${label}: the admin does not see Gwen coming`);

    // Tom reads the calendar, and sees nobody's name
    const tom = await person('tom', '/pa');
    await tom.goto(`${base}/activities`);
    await axeIf(tom, 'activities, PA');
    check(!gwenNamed(await main(tom)), `${label}: a PA sees who is coming`);

    // Gwen withdraws everything she shared, after confirming
    await gwen.goto(`${base}/member/preferences/withdraw`);
    check(await gwen.locator('input[name=confirm][value=yes]').count() === 1, `${label}: no confirm page before withdrawing`);
    await axeIf(gwen, 'withdraw confirm');
    await gwen.click('form[action="/member/preferences/withdraw"] button[type=submit]');
    await gwen.goto(`${base}/member/preferences`);
    check(!(await gwen.isChecked('input[name=languages][value=cy]')), `${label}: Gwen's preference is still kept`);
    for (const p of [catrin, gwen, admin, tom]) await p.context().close();
  }

  const run = (name, opts) => [name, async () => {
    const fresh = async () => watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await round({ fresh, ...opts });
  }];
  return [
    run('finding a PA and activities, Welsh, JavaScript on', { js: true, lang: 'cy', label: 'cy-js', day: 8 }),
    run('finding a PA and activities, English, JavaScript on', { js: true, lang: 'en', label: 'en-js', day: 9 }),
    run('finding a PA and activities, Welsh, JavaScript off', { js: false, lang: 'cy', label: 'cy-nojs', day: 10 }),
    run('finding a PA and activities, English, JavaScript off', { js: false, lang: 'en', label: 'en-nojs', day: 11 }),
  ];
}
