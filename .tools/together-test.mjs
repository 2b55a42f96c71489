// Browser checks of the pages where members support each other (issue #22):
// buddying and notices. Two members ask for a buddy, the demo admin pairs
// them, both say yes (each choosing what to share), each sees the other's
// first name, and one ends it through the confirm page; both read their
// notices and save their settings. Four rounds, in Welsh and English, with
// JavaScript on (axe-core on every page) and off; the last round pairs two
// members a second time, after an earlier pairing of theirs ended.

import { signIn as signInAs, shownOnce } from './checks.mjs';

// togetherTests are the checks, for pages-test.mjs to run.
export function togetherTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const people = {
    gwen: { email: 'gwen@demo.coop.example', first: 'Gwen' },
    rhys: { email: 'rhys@demo.coop.example', first: 'Rhys' },
    sian: { email: 'sian@demo.coop.example', first: 'Siân' },
  };

  const signIn = (page, email, lang, home) => signInAs(page, { base, lastCode }, email, lang, home);

  async function round({ fresh, js, lang, label, a, b }) {
    const axeIf = async (page, what) => { if (js) await axe(page, `together ${label} ${what}`); };
    const main = async (page) => (await page.textContent('main')).replace(/\s+/g, ' ');
    const member = async (who) => {
      const page = await (await fresh()).newPage();
      await signIn(page, people[who].email, lang, '/member');
      return page;
    };
    const [pa, pb] = [await member(a), await member(b)];

    // each asks; an over-long note is refused first, with the answer kept
    for (const [page, who] of [[pa, a], [pb, b]]) {
      await page.goto(`${base}/member/buddy`);
      await axeIf(page, 'buddy, not asked');
      if (who === a) {
        await page.fill('#buddy-note', 'x'.repeat(501));
        await page.click('form[action="/member/buddy/ask"] button[type=submit]');
        check(await shownOnce(page, '.govuk-error-summary'), `${label}: no error summary for a long note`);
        await axeIf(page, 'buddy, note too long');
      }
      await page.fill('#buddy-note', `Cerdded / walking ${label}`);
      await page.click('form[action="/member/buddy/ask"] button[type=submit]');
      eq(path(page), '/member/buddy', `${label}: after asking`);
      check(await page.locator('form[action="/member/buddy/withdraw"]').count() === 1, `${label}: ${who} cannot withdraw the request they made`);
      await axeIf(page, 'buddy, asked');
    }

    // the admin pairs them: an empty form first, then the two
    const admin = await (await fresh()).newPage();
    await signIn(admin, 'admin@demo.coop.example', lang, '/admin');
    await admin.goto(`${base}/admin/buddies`);
    await axeIf(admin, 'buddies');
    await admin.click('form[action="/admin/buddies/pair"] button[type=submit]');
    check(await shownOnce(admin, '.govuk-error-summary'), `${label}: no error summary for an empty pairing`);
    await axeIf(admin, 'buddies, errors');
    await admin.selectOption('#buddies-member_a', { label: (await admin.locator(`#buddies-member_a option:has-text("${people[a].first}")`).first().textContent()).trim() });
    await admin.selectOption('#buddies-member_b', { label: (await admin.locator(`#buddies-member_b option:has-text("${people[b].first}")`).first().textContent()).trim() });
    await admin.click('form[action="/admin/buddies/pair"] button[type=submit]');
    eq(path(admin), '/admin/buddies', `${label}: after pairing`);
    check(await admin.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after pairing`);
    const listed = await main(admin);
    const named = (first) => new RegExp(`(^|[^\\p{L}])${first}($|[^\\p{L}])`, 'u').test(listed); // a word: Welsh Friday is Gwener
    check(!named(people[a].first) && !named(people[b].first), `${label}: the admins' page still names the paired members`);
    await admin.context().close();

    // both say yes; the first shares nothing but the co-op, the second their email
    for (const [page, who, other, share] of [[pa, a, b, 'coop'], [pb, b, a, 'email']]) {
      await page.goto(`${base}/member/buddy`);
      check((await main(page)).includes(people[other].first), `${label}: ${who} is not told ${other}'s first name`);
      await axeIf(page, 'buddy, proposed');
      await page.check(`input[name=contact][value=${share}]`);
      await page.click('form[action="/member/buddy/answer"]:has(input[name=answer][value=yes]) button[type=submit]');
      eq(path(page), '/member/buddy', `${label}: after ${who} said yes`);
    }
    await pa.goto(`${base}/member/buddy`);
    const seen = await main(pa);
    check(seen.includes(people[b].first), `${label}: ${a} does not see their buddy's first name`);
    check(seen.includes(people[b].email), `${label}: ${a} does not see the email ${b} chose to share`);
    await axeIf(pa, 'buddy, active');

    // notices: each was told; reading one and saving the settings
    await pb.goto(`${base}/notices`);
    await axeIf(pb, 'notices');
    const unread = await pb.locator('form[action$="/read"]').count();
    check(unread > 0, `${label}: ${b} has no notice to read`);
    await pb.click('form[action$="/read"] button[type=submit] >> nth=0');
    eq(await pb.locator('form[action$="/read"]').count(), unread - 1, `${label}: notices unread after reading one`);
    await pb.click('form[action="/notices/settings"] button[type=submit]');
    eq(path(pb), '/notices', `${label}: after saving the settings`);

    // one ends it, only after confirming
    await pa.click('form[action="/member/buddy/end"] button[type=submit]');
    check(await pa.locator('input[name=confirm][value=yes]').count() === 1, `${label}: no confirm page before ending`);
    await axeIf(pa, 'buddy, end confirm');
    await pa.click('main button[type=submit]');
    eq(path(pa), '/member/buddy', `${label}: after ending`);
    check(await pa.locator('form[action="/member/buddy/ask"]').count() === 1, `${label}: ${a} cannot ask again after ending`);
    await pb.goto(`${base}/member/buddy`);
    check(!(await main(pb)).includes(people[a].email), `${label}: the ended pairing still shows`);
    await pa.context().close();
    await pb.context().close();
  }

  const run = (name, opts) => [name, async () => {
    const fresh = async () => watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await round({ fresh, ...opts });
  }];
  return [
    run('buddying, Welsh, JavaScript on: Gwen and Rhys paired, both agree, Gwen ends it', { js: true, lang: 'cy', label: 'cy-js', a: 'gwen', b: 'rhys' }),
    run('buddying, English, JavaScript on: Rhys and Siân paired, both agree, Rhys ends it', { js: true, lang: 'en', label: 'en-js', a: 'rhys', b: 'sian' }),
    run('buddying, Welsh, JavaScript off: Siân and Gwen paired, both agree, Siân ends it', { js: false, lang: 'cy', label: 'cy-nojs', a: 'sian', b: 'gwen' }),
    run('buddying, English, JavaScript off: Gwen and Rhys paired a second time', { js: false, lang: 'en', label: 'en-nojs', a: 'gwen', b: 'rhys' }),
  ];
}
