// Browser checks of the records people keep a copy of, run by
// .tools/pages-test.mjs: Catrin, a PA, finds "Your work data" in her
// navigation, reads what the copy holds and downloads it as JSON (her own
// name in it, never another PA's); Gwen, a member, is refused the PA's page.
// In Welsh and English, with JavaScript on (axe-core on every page) and off.

import { signIn as signInAs } from './checks.mjs';

const words = {
  cy: { nav: 'Eich data gwaith', parts: 'Beth sydd yn y copi' },
  en: { nav: 'Your work data', parts: 'What is in the copy' },
};

// recordsTests are the checks, for pages-test.mjs to run.
export function recordsTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const signIn = (page, email, lang, home) => signInAs(page, { base, lastCode }, email, lang, home);

  async function round({ js, lang, label }) {
    const w = words[lang];
    const axeIf = async (page, what) => { if (js) await axe(page, `records ${label} ${what}`); };
    const fresh = async () => watch(await browser.newContext({ javaScriptEnabled: js, locale: lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));

    const catrin = await (await fresh()).newPage();
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

    const gwen = await (await fresh()).newPage();
    await signIn(gwen, 'gwen@demo.coop.example', lang, '/member');
    const refused = await gwen.goto(`${base}/pa/data`);
    eq(refused.status(), 403, `${label}: a member opens the PA's data page`);
  }

  return [
    ["Records, Welsh, JavaScript on: a PA's copy of their data", () => round({ js: true, lang: 'cy', label: 'cy-js' })],
    ["Records, English, JavaScript off: a PA's copy of their data", () => round({ js: false, lang: 'en', label: 'en-nojs' })],
  ];
}
