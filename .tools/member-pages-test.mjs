// Browser journeys of the member's pages (internal/web/member.go), run by
// .tools/pages-test.mjs after the PA's journeys, whose shifts the members
// approve. The co-op's admin opens a vote through the API first (ADMIN_TOKEN,
// on the stack's day TODAY). Each member signs in with the outbox's code,
// approves a PA's shift (one sends one back, the error summary first), reads
// their money, votes, and turns Easy Read on and off: in Welsh and English,
// with JavaScript on and off; axe-core checks every member page in both
// languages with Easy Read on and off.

import { join } from 'node:path';

const words = {
  cy: { home: 'Beth sydd angen eich sylw', approved: "Rydych wedi cymeradwyo'r shifft.", sentBack: "Mae'r shifft wedi'i hanfon yn ôl",
    reasonMissing: 'Dywedwch pam', voted: "Mae eich pleidlais wedi'i chofnodi.", easyOff: 'Hawdd ei Ddeall: troi i ffwrdd', easyOn: 'Hawdd ei Ddeall: troi ymlaen',
    easyMoney: 'Nawr mae gennych', signOut: 'Allgofnodi' },
  en: { home: 'What needs you', approved: 'You approved the shift.', sentBack: 'The shift has been sent back',
    reasonMissing: 'Say why you are sending the shift back', voted: 'Your vote is recorded.', easyOff: 'Easy Read: turn off', easyOn: 'Easy Read: turn on',
    easyMoney: 'Now you have', signOut: 'Sign out' },
};

// openVote has the admin draft and open a resolution closing a week after TODAY.
async function openVote(base, check) {
  const token = (process.env.ADMIN_TOKEN || '').trim();
  check(token !== '', 'ADMIN_TOKEN is not set');
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const closes = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const call = async (path, body) => {
    const res = await fetch(base + path, { method: 'POST', body: body && JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `member-pages-${path}` } });
    const text = await res.text();
    check(res.ok, `POST ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const m = await call('/v1/motions', { kind: 'ordinary_resolution', title_cy: 'Prynu bws mini', title_en: 'Buy a minibus',
    text_cy: "Bod y cwmni'n prynu bws mini i'r aelodau ei rannu.", text_en: 'That the co-op buys a minibus for the members to share.', closes_at: closes });
  await call(`/v1/motions/${m.id}/open`);
  return m.id;
}

// memberTests are the member's journeys, for pages-test.mjs to run.
export function memberTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }) {
  let motion;
  const path = (page) => new URL(page.url()).pathname;

  async function journey({ context, js, lang, who, label, sendBack }) {
    const w = words[lang];
    const axeIf = async (page, what) => { if (js) await axe(page, `member ${label} ${what}`); };
    const email = `${who}@demo.coop.example`;
    const page = await context.newPage();
    await page.goto(`${base}/member`);
    eq(path(page), '/sign-in', 'a member page before sign-in');
    await page.goto(`${base}/sign-in?lang=${lang}`);
    await page.fill('#signin-email', email);
    await page.click('main button[type=submit]');
    await page.fill('#code-code', lastCode(email));
    await page.click('main button[type=submit]');
    eq(path(page), '/member', 'after the code');
    eq(await page.getAttribute('html', 'lang'), lang, "the member's stored language");
    eq((await page.textContent('h1')).trim(), w.home, 'home heading');

    for (const easy of [false, true]) {
      const tag = easy ? 'easy' : 'standard';
      if (easy) {
        await page.click('.dpcoop-easy-toggle button');
        eq(path(page), '/member', 'back from the Easy Read switch');
        check((await page.textContent('.dpcoop-easy-toggle button')).includes(w.easyOff), 'Easy Read did not turn on');
        check(await page.locator('.dpcoop-easy-row img').count() > 0, 'no pictures in Easy Read');
      }
      await axeIf(page, `${tag} home`);

      await page.goto(`${base}/member/shifts`);
      await axeIf(page, `${tag} shifts`);
      if (!easy) {
        const approve = page.locator('form[action$="/approve"] button').first();
        check(await approve.count() === 1, 'no shift waits for approval');
        await approve.click();
        eq(path(page), '/member/shifts', 'after approving');
        check((await page.textContent('.govuk-notification-banner')).includes(w.approved), 'no banner after approving');
        if (sendBack) {
          await page.click('a[href$="/send-back"] >> nth=0');
          await axeIf(page, 'send back');
          await page.click('form[action$="/send-back"] button');
          check(await page.isVisible('.govuk-error-summary'), 'no error summary without a reason');
          check((await page.textContent('.govuk-error-summary')).includes(w.reasonMissing), 'the error summary does not ask for a reason');
          await axeIf(page, 'send back error');
          await page.click('.govuk-error-summary a');
          eq(await page.evaluate(() => document.activeElement && document.activeElement.id), 'sendback-reason', 'the error link moves to the reason');
          await page.fill('#sendback-reason', 'Gorffennodd am 07:30 / It ended at 07:30');
          await page.click('form[action$="/send-back"] button');
          eq(path(page), '/member/shifts', 'after sending back');
          check((await page.textContent('.govuk-notification-banner')).includes(w.sentBack), 'no banner after sending back');
        }
      }

      await page.goto(`${base}/member/money`);
      await axeIf(page, `${tag} money`);
      if (easy) check((await page.textContent('main')).includes(w.easyMoney), 'the money page is not in Easy Read');

      await page.goto(`${base}/member/votes/${motion}`);
      await axeIf(page, `${tag} vote`);
      if (!easy) {
        await page.check('input[name=choices][value=for]');
        await page.click(`form[action="/member/votes/${motion}"] button`);
        eq(path(page), `/member/votes/${motion}`, 'after voting');
        check((await page.textContent('.govuk-notification-banner')).includes(w.voted), 'no banner after voting');
        await axeIf(page, 'voted');
      }
      for (const p of ['/member/votes', '/member/pools', '/member/data']) {
        await page.goto(base + p);
        eq(path(page), p, p);
        await axeIf(page, `${tag} ${p}`);
      }
      await page.screenshot({ path: join(shots, `pages-member-${label}-${tag}.png`), fullPage: true });
      await page.goto(`${base}/member`);
    }
    await page.click('.dpcoop-easy-toggle button');
    check((await page.textContent('.dpcoop-easy-toggle button')).includes(w.easyOn), 'Easy Read did not turn off');
    await page.click(`button:has-text("${w.signOut}")`);
    await page.waitForLoadState('load');
    eq(path(page), '/signed-out', 'after signing out');
    eq(await page.getAttribute('html', 'lang'), lang, 'signed-out page language');
    await page.goto(`${base}/member`);
    eq(path(page), '/sign-in', 'the session ended');
    await page.close();
  }

  const run = (name, opts) => [name, async () => {
    motion = motion || await openVote(base, check);
    const ctx = watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await journey({ context: ctx, ...opts });
    await ctx.close();
  }];
  return [
    run('Welsh, JavaScript on: Gwen approves a shift, sends one back, votes, Easy Read on and off', { js: true, lang: 'cy', who: 'gwen', label: 'cy-js', sendBack: true }),
    run('English, JavaScript on: Rhys approves a shift, votes, Easy Read on and off', { js: true, lang: 'en', who: 'rhys', label: 'en-js' }),
    run('Welsh, JavaScript off: Siân approves the shared shift, votes', { js: false, lang: 'cy', who: 'sian', label: 'cy-nojs' }),
    run('English, JavaScript off: Rhys approves the other shift, votes again', { js: false, lang: 'en', who: 'rhys', label: 'en-nojs' }),
  ];
}
