// Browser checks of cover when a PA is away (issue #23 point 5), run by
// .tools/pages-test.mjs. Tom says he is willing to cover; Gwen plans a shift
// with Catrin (an empty form refused first); Catrin says she cannot do it,
// giving a reason; Gwen sees the shift needs cover, and asks the PAs free to
// cover (ticking each, or none, which asks them all); Tom accepts it; Gwen
// sees it covered by Tom and never Catrin's reason; the admin reads the rota. Four rounds on different days, in Welsh
// and English, with JavaScript on (axe-core on every page) and off.

import { signIn as signInAs, shownOnce } from './checks.mjs';

// coverTests are the checks, for pages-test.mjs to run.
export function coverTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const today = process.env.TODAY || new Date().toISOString().slice(0, 10);
  const daysAfter = (n) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 24 * 3600 * 1000);
  const fillDate = async (page, id, d) => {
    await page.fill(`#${id}-day`, String(d.getUTCDate()));
    await page.fill(`#${id}-month`, String(d.getUTCMonth() + 1));
    await page.fill(`#${id}-year`, String(d.getUTCFullYear()));
  };

  const signIn = (page, email, lang, home) => signInAs(page, { base, lastCode }, email, lang, home);

  async function round({ fresh, js, lang, label, day }) {
    const axeIf = async (page, what) => { if (js) await axe(page, `cover ${label} ${what}`); };
    const main = async (page) => (await page.textContent('main')).replace(/\s+/g, ' ');
    const person = async (who, home) => {
      const page = await (await fresh()).newPage();
      await signIn(page, `${who}@demo.coop.example`, lang, home);
      return page;
    };
    const reason = `Apwyntiad ysbyty / hospital appointment ${label}`;

    // Tom is willing to cover for other members
    const tom = await person('tom', '/pa');
    await tom.goto(`${base}/pa/rota`);
    await axeIf(tom, 'PA rota');
    await tom.check('input[name=willing][value=yes]');
    await tom.click('form[action="/pa/rota/willing"] button[type=submit]');
    eq(path(tom), '/pa/rota', `${label}: after saving willing`);

    // Gwen plans a shift with Catrin: empty first, then whole
    const gwen = await person('gwen', '/member');
    await gwen.goto(`${base}/member/rota`);
    await axeIf(gwen, 'member rota');
    await gwen.click('form[action="/member/rota"] button[type=submit]');
    check(await shownOnce(gwen, '.govuk-error-summary'), `${label}: no error summary for an empty plan`);
    await axeIf(gwen, 'member rota, errors');
    await gwen.getByRole('radio', { name: /Catrin/ }).check(); // the admins' journeys give Gwen other PAs too
    await fillDate(gwen, 'planform-date', daysAfter(day));
    await gwen.fill('#planform-start', '09:00');
    await gwen.fill('#planform-end', '12:00');
    await gwen.click('form[action="/member/rota"] button[type=submit]');
    eq(path(gwen), '/member/rota', `${label}: after planning`);
    check(await gwen.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after planning: ${(await main(gwen)).slice(0, 300)}`);
    const rows = await gwen.locator('main table a[href^="/rota/"]').count();
    check(rows > 0, `${label}: the planned shift is not listed`);

    // Catrin cannot do it, and says why
    const catrin = await person('catrin', '/pa');
    await catrin.goto(`${base}/pa/rota`);
    const link = catrin.locator('main table a[href^="/rota/"]').last();
    const shift = await link.getAttribute('href');
    await catrin.goto(`${base}${shift}`);
    await axeIf(catrin, 'planned shift, own PA');
    await catrin.fill('#cannotform-reason', reason);
    await catrin.click(`form[action="${shift}/cannot"] button[type=submit]`);
    check(await catrin.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after saying cannot`);

    // Gwen sees it needs cover and asks whoever is free
    await gwen.goto(`${base}${shift}`);
    await axeIf(gwen, 'planned shift, needs cover');
    check(!(await main(gwen)).includes(reason), `${label}: Gwen sees Catrin's reason`);
    const offered = await gwen.locator(`form[action="${shift}/ask"] input[name=pa_ids]`).count();
    check(offered > 0, `${label}: no PA offered to cover: ${(await main(gwen)).slice(0, 400)}`);
    // with script she ticks each; without, she ticks none, which asks them all
    if (js) for (let i = 0; i < offered; i++) await gwen.check(`form[action="${shift}/ask"] input[name=pa_ids] >> nth=${i}`);
    await gwen.click(`form[action="${shift}/ask"] button[type=submit]`);
    check(await gwen.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after asking`);

    // Tom accepts; it is his
    await tom.goto(`${base}${shift}`);
    await axeIf(tom, 'planned shift, asked');
    check(!(await main(tom)).includes(reason), `${label}: Tom sees Catrin's reason`);
    await tom.click(`form[action="${shift}/accept"] button[type=submit]`);
    check(await tom.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after accepting`);
    check(await tom.locator(`form[action="${shift}/accept"]`).count() === 0, `${label}: Tom can still accept`);

    // Gwen sees Tom covering; the admin reads the rota and sees the reason
    await gwen.goto(`${base}${shift}`);
    check((await main(gwen)).includes('Tom'), `${label}: Gwen does not see Tom covering`);
    const admin = await person('admin', '/admin');
    await admin.goto(`${base}/admin/rota`);
    await axeIf(admin, 'admin rota');
    await admin.goto(`${base}${shift}`);
    await axeIf(admin, 'planned shift, admin');
    check((await main(admin)).includes(reason), `${label}: the admin does not see the reason given`);
    for (const p of [tom, gwen, catrin, admin]) await p.context().close();
  }

  const run = (name, opts) => [name, async () => {
    const fresh = async () => watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await round({ fresh, ...opts });
  }];
  return [
    run('cover, Welsh, JavaScript on: Catrin cannot, Tom covers', { js: true, lang: 'cy', label: 'cy-js', day: 3 }),
    run('cover, English, JavaScript on: Catrin cannot, Tom covers', { js: true, lang: 'en', label: 'en-js', day: 4 }),
    run('cover, Welsh, JavaScript off: Catrin cannot, Tom covers', { js: false, lang: 'cy', label: 'cy-nojs', day: 5 }),
    run('cover, English, JavaScript off: Catrin cannot, Tom covers', { js: false, lang: 'en', label: 'en-nojs', day: 6 }),
  ];
}
