// Browser checks of people's records and the co-op's settings, run by
// .tools/pages-test.mjs:
// - Catrin, a PA, finds "Your work data" in her navigation, reads what the
//   copy holds and downloads it as JSON (her own name in it, never another
//   PA's); Gwen, a member, is refused the PA's page.
// - The admin changes the kind of support of one of Catrin's jobs; her home
//   page then asks her to read the new written statement.
// - The admin keeps the co-op's areas (a line without both names refused
//   first); Gwen chooses Cardiff for her PA, Catrin says she works there,
//   and Gwen's matches give it as Catrin's reason, in the reader's language.
// - Gwen turns Easy Read on and reads the buddy, preferences, matches,
//   activities, notices and PAs' checks pages in it, then turns it off.
// Each in Welsh and English, with JavaScript on (axe-core on every page) and
// off.

import { signIn as signInAs, shownOnce } from './checks.mjs';

const words = {
  cy: { nav: 'Eich data gwaith', parts: 'Beth sydd yn y copi', todo: 'datganiad', areaReason: 'yn gallu gweithio yn ardal Caerdydd', cardiff: 'Caerdydd',
    easyOff: 'Hawdd ei Ddeall: troi i ffwrdd', easyOn: 'Hawdd ei Ddeall: troi ymlaen' },
  en: { nav: 'Your work data', parts: 'What is in the copy', todo: 'statement', areaReason: 'can work in Cardiff', cardiff: 'Cardiff',
    easyOff: 'Easy Read: turn off', easyOn: 'Easy Read: turn on' },
};

// recordsTests are the checks, for pages-test.mjs to run.
export function recordsTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const signIn = (page, email, lang, home) => signInAs(page, { base, lastCode }, email, lang, home);
  // fresh is a new browser of its own for the round; axeIf runs axe-core
  // when JavaScript is on, naming the page within the journey.
  const fresh = async (js, lang) => watch(await browser.newContext({ javaScriptEnabled: js, locale: lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
  const axeFor = (journey, js, label) => async (page, what) => { if (js) await axe(page, `${journey} ${label} ${what}`); };

  async function round({ js, lang, label }) {
    const w = words[lang];
    const axeIf = axeFor('records', js, label);

    const catrin = await (await fresh(js, lang)).newPage();
    await signIn(catrin, 'catrin@demo.coop.example', lang, '/pa');
    await catrin.getByRole('link', { name: w.nav }).first().click();
    eq(path(catrin), '/pa/data', `${label}: the navigation's link to the PA's data`);
    check((await catrin.textContent('main')).includes(w.parts), `${label}: the parts of the copy are not listed`);
    await axeIf(catrin, 'PA data');
    const got = await catrin.request.get(`${base}/pa/data/download`);
    eq(got.status(), 200, `${label}: the download`);
    check((got.headers()['content-disposition'] || '').includes('attachment'), `${label}: the download is not an attachment`);
    const copy = await got.text();
    check(copy.includes('Catrin'), `${label}: Catrin's copy does not hold her name`);
    check(!copy.includes('Tom Evans'), `${label}: Catrin's copy holds another PA`);
    JSON.parse(copy);

    const gwen = await (await fresh(js, lang)).newPage();
    await signIn(gwen, 'gwen@demo.coop.example', lang, '/member');
    const refused = await gwen.goto(`${base}/pa/data`);
    eq(refused.status(), 403, `${label}: a member opens the PA's data page`);
  }

  // The admin changes the kind of support of Catrin's first job; her home
  // page asks her to read the new statement.
  async function role({ js, lang, label }) {
    const axeIf = axeFor('role', js, label);
    const admin = await (await fresh(js, lang)).newPage();
    await signIn(admin, 'admin@demo.coop.example', lang, '/admin');
    await admin.goto(`${base}/admin/pas`);
    await admin.getByRole('link', { name: /Catrin/ }).first().click();
    check(/^\/admin\/pas\/[^/]+$/.test(path(admin)), `${label}: Catrin's record: ${path(admin)}`);
    await admin.locator('a[href^="/admin/employments/"][href$="/role"]').first().click();
    check(path(admin).endsWith('/role'), `${label}: the role page`);
    await axeIf(admin, 'role form');
    await admin.locator('input[name=role]:not(:checked)').first().check();
    await admin.click('main form button[type=submit]');
    check(/^\/admin\/pas\/[^/]+$/.test(path(admin)), `${label}: after changing the role: ${path(admin)}`);
    check(await admin.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after changing the role`);
    await axeIf(admin, 'PA after the role');

    const catrin = await (await fresh(js, lang)).newPage();
    await signIn(catrin, 'catrin@demo.coop.example', lang, '/pa');
    const todo = catrin.locator('main a[href="/pa/statements"]');
    check(await todo.count() > 0, `${label}: Catrin's home does not ask her to read the new statement`);
    check((await catrin.textContent('main')).includes(words[lang].todo), `${label}: the to-do does not name a statement`);
    await axeIf(catrin, 'PA home with the statement to read');
    await todo.first().click();
    eq(path(catrin), '/pa/statements', `${label}: the to-do's link`);
  }

  // The admin keeps the co-op's areas; Gwen and Catrin choose Cardiff;
  // Gwen's matches give it as Catrin's reason.
  async function areas({ js, lang, label }) {
    const w = words[lang];
    const axeIf = axeFor('areas', js, label);
    const admin = await (await fresh(js, lang)).newPage();
    await signIn(admin, 'admin@demo.coop.example', lang, '/admin');
    await admin.goto(`${base}/admin/settings`);
    await admin.click('a[href="/admin/settings/areas"]');
    eq(path(admin), '/admin/settings/areas', `${label}: the settings' link to the areas`);
    await axeIf(admin, 'areas');
    const box = admin.locator('form[action="/admin/settings/areas"] textarea');
    await box.fill('Caerdydd');
    await admin.click('form[action="/admin/settings/areas"] button[type=submit]');
    check(await shownOnce(admin, '.govuk-error-summary'), `${label}: no error summary for a line with one name`);
    await axeIf(admin, 'areas, errors');
    await box.fill('Caerdydd | Cardiff\nAbertawe | Swansea');
    await admin.click('form[action="/admin/settings/areas"] button[type=submit]');
    check(await admin.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after saving the areas`);

    const choose = async (page, form) => {
      await page.goto(`${base}${form}`);
      await axeIf(page, form);
      await page.locator(`form[action="${form}"] input[name=consent][value=area]`).check();
      await page.getByLabel(w.cardiff, { exact: true }).check();
      await page.click(`form[action="${form}"] button[type=submit]`);
      check(await page.locator('.govuk-notification-banner').count() === 1, `${label}: no banner after saving ${form}`);
    };
    const gwen = await (await fresh(js, lang)).newPage();
    await signIn(gwen, 'gwen@demo.coop.example', lang, '/member');
    await choose(gwen, '/member/preferences');
    const catrin = await (await fresh(js, lang)).newPage();
    await signIn(catrin, 'catrin@demo.coop.example', lang, '/pa');
    await choose(catrin, '/pa/profile');
    await gwen.goto(`${base}/member/matches`);
    await axeIf(gwen, 'matches');
    check((await gwen.textContent('main')).replace(/\s+/g, ' ').includes(w.areaReason), `${label}: Catrin's reasons do not name Cardiff in the reader's language`);
  }

  // Gwen reads the pages of #22 and her PAs' checks in Easy Read.
  async function easyRead({ js, lang, label }) {
    const w = words[lang];
    const axeIf = axeFor('easy', js, label);
    const gwen = await (await fresh(js, lang)).newPage();
    await signIn(gwen, 'gwen@demo.coop.example', lang, '/member');
    if ((await gwen.textContent('.dpcoop-easy-toggle button')).includes(w.easyOn)) await gwen.click('.dpcoop-easy-toggle button');
    check((await gwen.textContent('.dpcoop-easy-toggle button')).includes(w.easyOff), `${label}: Easy Read did not turn on`);
    for (const page of ['/member/buddy', '/member/preferences', '/member/matches', '/activities', '/notices', '/member/pa-training']) {
      await gwen.goto(`${base}${page}`);
      eq(path(gwen), page, `${label}: ${page}`);
      check(await gwen.locator('main .dpcoop-easy-row img').count() > 0, `${label}: ${page} has no Easy Read lines with pictures`);
      await axeIf(gwen, page);
    }
    await gwen.click('.dpcoop-easy-toggle button');
    check((await gwen.textContent('.dpcoop-easy-toggle button')).includes(w.easyOn), `${label}: Easy Read did not turn off`);
    check(await gwen.locator('main .dpcoop-easy-row').count() === 0, `${label}: Easy Read lines after turning it off`);
  }

  return [
    ["Records, Welsh, JavaScript on: a PA's copy of their data", () => round({ js: true, lang: 'cy', label: 'cy-js' })],
    ["Records, English, JavaScript off: a PA's copy of their data", () => round({ js: false, lang: 'en', label: 'en-nojs' })],
    ["Records, English, JavaScript on: the admin changes a job's kind of support; the PA is asked to read the statement", () => role({ js: true, lang: 'en', label: 'en-js' })],
    ["Records, Welsh, JavaScript off: the admin changes a job's kind of support; the PA is asked to read the statement", () => role({ js: false, lang: 'cy', label: 'cy-nojs' })],
    ["Records, Welsh, JavaScript on: the co-op's areas, chosen by a member and a PA, give a match's reason", () => areas({ js: true, lang: 'cy', label: 'cy-js' })],
    ["Records, English, JavaScript off: the co-op's areas, chosen by a member and a PA, give a match's reason", () => areas({ js: false, lang: 'en', label: 'en-nojs' })],
    ["Records, English, JavaScript on: Gwen reads buddying, preferences, matches, activities, notices and her PAs' checks in Easy Read", () => easyRead({ js: true, lang: 'en', label: 'en-js' })],
    ["Records, Welsh, JavaScript off: Gwen reads buddying, preferences, matches, activities, notices and her PAs' checks in Easy Read", () => easyRead({ js: false, lang: 'cy', label: 'cy-nojs' })],
  ];
}
