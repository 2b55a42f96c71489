// Browser checks of the employer's duties' pages (issue #23: right to work
// and safe recruitment, written statements, training, insurance, risk
// assessments, cases), run by .tools/pages-test.mjs after the admins'
// journeys. The demo admin reads each page of Catrin's record and the co-op's,
// and sends each form empty to see its error summary; Catrin reads her
// statements, cases, training and risk assessments, and acknowledges a
// statement; Gwen reads her PAs' training. In Welsh and English, with
// JavaScript on (axe-core on every page) and off.

import { signIn as signInAs, shownOnce } from './checks.mjs';

// employerTests are the checks, for pages-test.mjs to run.
export function employerTests({ browser, base, viewport, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;

  const signIn = (page, email, lang, home) => signInAs(page, { base, lastCode }, email, lang, home);

  async function journey({ fresh, js, lang, label }) {
    const axeIf = async (page, what) => { if (js) await axe(page, `employer ${label} ${what}`); };
    // open reads a page that must answer 200 with a heading.
    const open = async (page, to, what) => {
      const res = await page.goto(`${base}${to}`);
      check(res.status() === 200, `${what}: ${res.status()} at ${to}`);
      check((await page.textContent('h1')).trim() !== '', `${what} has no heading`);
      await axeIf(page, what);
    };
    // refused sends a page's form empty and expects its error summary.
    const refused = async (page, action, what) => {
      await page.click(`form[action$="${action}"] button[type=submit]`);
      check(await shownOnce(page, '.govuk-error-summary'), `${what}: no error summary after an empty form`);
      await axeIf(page, `${what} errors`);
    };

    // each person signs in in a browser of their own
    const page = async () => (await fresh()).newPage();
    const admin = await page();
    await signIn(admin, 'admin@demo.coop.example', lang, '/admin');
    await open(admin, '/admin/pas', 'PAs');
    await admin.click('main a:has-text("Catrin Jones")');
    const pa = path(admin);
    await open(admin, `${pa}/recruitment`, 'recruitment');
    await refused(admin, '/recruitment/right-to-work', 'right to work');
    await open(admin, `${pa}/recruitment`, 'recruitment again');
    await refused(admin, '/recruitment/dbs', 'DBS');
    await open(admin, `${pa}/statements`, 'written statements');
    await open(admin, `${pa}/training`, 'training');
    await refused(admin, `${pa}/training`, 'training');
    await open(admin, `${pa}/cases`, 'cases of a PA');
    await refused(admin, `${pa}/cases`, 'opening a case');
    await open(admin, '/admin/cases', 'my cases');
    await open(admin, '/admin/employer', 'insurance and training settings');
    await refused(admin, '/admin/employer/insurance', 'insurance');
    await open(admin, '/admin/members', 'register');
    await admin.click('main a:has-text("Gwen Morgan")');
    const member = path(admin);
    await open(admin, `${member}/risk`, 'risk assessments');
    await refused(admin, `${member}/risk`, 'risk assessment');
    await open(admin, `${member}/details`, 'member details');
    await admin.context().close();

    const catrin = await page();
    await signIn(catrin, 'catrin@demo.coop.example', lang, '/pa');
    await open(catrin, '/pa/statements', 'PA statements');
    if (!js && lang === 'cy') {
      // Catrin acknowledges a written statement, once, without script.
      const before = await catrin.locator('form[action$="/acknowledge"]').count();
      check(before > 0, 'no written statement to acknowledge');
      await catrin.click('form[action$="/acknowledge"] button[type=submit] >> nth=0');
      eq(path(catrin), '/pa/statements', 'after acknowledging');
      await catrin.waitForLoadState('load'); // count the forms on the whole new page, not one still arriving
      eq(await catrin.locator('form[action$="/acknowledge"]').count(), before - 1, 'statements still to acknowledge');
    }
    await open(catrin, '/pa/cases', 'PA cases');
    await open(catrin, '/pa/training', 'PA training and insurance');
    await open(catrin, '/pa/risk', 'PA risk assessments');
    await catrin.context().close();

    const gwen = await page();
    await signIn(gwen, 'gwen@demo.coop.example', lang, '/member');
    await open(gwen, '/member/pa-training', "member's PAs' training");
    await gwen.context().close();
  }

  const run = (name, opts) => [name, async () => {
    const fresh = async () => watch(await browser.newContext({ javaScriptEnabled: opts.js, locale: opts.lang === 'cy' ? 'cy-GB' : 'en-GB', viewport }));
    await journey({ fresh, ...opts });
  }];
  return [
    run("employer's duties, Welsh, JavaScript on: every page and form's errors", { js: true, lang: 'cy', label: 'cy-js' }),
    run("employer's duties, English, JavaScript on: every page and form's errors", { js: true, lang: 'en', label: 'en-js' }),
    run("employer's duties, Welsh, JavaScript off: every page, a statement acknowledged", { js: false, lang: 'cy', label: 'cy-nojs' }),
    run("employer's duties, English, JavaScript off: every page and form's errors", { js: false, lang: 'en', label: 'en-nojs' }),
  ];
}
