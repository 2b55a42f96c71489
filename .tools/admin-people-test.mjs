// Browser journeys of the admins' people and settings pages
// (internal/web/admin_people.go), run by .tools/pages-test.mjs. Each journey
// sets up its own member through the API (ADMIN_TOKEN): the member signs in;
// the demo co-op's admin (a Welsh speaker) signs in with the outbox's code,
// invites a second admin (the error summary first), revokes the member's
// access through the confirm page, and saves the settings; the member's
// session ends and they cannot sign in again until the admin gives the
// access back; the new admin signs in. In
// Welsh and English, with JavaScript on and off; axe-core checks every page
// the area adds, in both languages.

import { join } from 'node:path';
import { politeFetch } from './checks.mjs';

const words = {
  cy: { invited: "Rydyn ni wedi anfon y gwahoddiad.", revoked: "Rydyn ni wedi tynnu'r mynediad yn ôl.", reinstated: "Rydyn ni wedi rhoi'r mynediad yn ôl.", saved: "Rydyn ni wedi cadw'r gosodiadau.", nameMissing: 'Llenwch y maes hwn' },
  en: { invited: 'We have sent the invitation.', revoked: 'We have revoked the access.', reinstated: 'We have given the access back.', saved: 'We have saved the settings.', nameMissing: 'Fill in this field' },
};

// newMember applies to the demo co-op and has the admin approve it, through
// the API; it returns the member's id.
async function newMember(base, check, label) {
  const token = (process.env.ADMIN_TOKEN || '').trim();
  check(token !== '', 'ADMIN_TOKEN is not set');
  const call = async (path, body, auth) => {
    const res = await politeFetch(base + path, { method: 'POST', body: JSON.stringify(body),
      headers: { ...(auth ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json', 'Idempotency-Key': `admin-people-${label}-${path}` } });
    const text = await res.text();
    check(res.ok, `POST ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const a = await call('/v1/public/coops/demo/applications', { kind: 'member', name: `Aelod ${label}`, email: `member-${label}@example.org`,
    address: '3 Heol y Dderwen, Caerdydd CF10 2AB', language: label.startsWith('cy') ? 'cy' : 'en', consent_electronic: true });
  await call(`/v1/applications/${a.id}/approve`, {}, true);
  return a.id;
}

// adminPeopleTests are the area's journeys, for pages-test.mjs to run.
export function adminPeopleTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;
  const signIn = async (page, email, lang) => {
    await page.goto(`${base}/sign-in?lang=${lang}`);
    await page.fill('#signin-email', email);
    await page.click('main button[type=submit]');
    await page.fill('#code-code', lastCode(email));
    await page.click('main button[type=submit]');
  };

  async function journey({ js, lang, label }) {
    const w = words[lang];
    const axeIf = async (page, what) => { if (js) await axe(page, `admin people ${label} ${what}`); };
    const opts = (l) => ({ javaScriptEnabled: js, locale: l === 'cy' ? 'cy-GB' : 'en-GB', viewport });
    const member = await newMember(base, check, label);
    const memberEmail = `member-${label}@example.org`;
    const mctx = watch(await browser.newContext(opts(lang)));
    const mpage = await mctx.newPage();
    await signIn(mpage, memberEmail, lang);
    eq(path(mpage), '/member', 'the new member signs in');

    const ctx = watch(await browser.newContext(opts(lang)));
    const page = await ctx.newPage();
    await signIn(page, 'admin@demo.coop.example', lang);
    await page.goto(`${base}/admin/people?lang=${lang}`);
    eq(await page.getAttribute('html', 'lang'), lang, 'the page language');
    await axeIf(page, 'people');

    await page.click('a[href="/admin/people/invite"]');
    eq(path(page), '/admin/people/invite', 'the invite link');
    await axeIf(page, 'invite');
    await page.click('form[action="/admin/people/invite"] button[type=submit]');
    check(await page.isVisible('.govuk-error-summary'), 'no error summary for an empty invitation');
    check((await page.textContent('.govuk-error-summary')).includes(w.nameMissing), 'the summary does not ask for the name');
    await axeIf(page, 'invite error');
    const second = `admin2-${label}@example.org`;
    await page.fill('#invite-name', `Ail Weinyddwr ${label}`);
    await page.fill('#invite-email', second);
    await page.check(`input[name=language][value=${lang}]`);
    await page.click('form[action="/admin/people/invite"] button[type=submit]');
    eq(path(page), '/admin/people', 'after inviting');
    check((await page.textContent('.govuk-notification-banner')).includes(w.invited), 'no banner after inviting');

    await page.click(`a[href="/admin/people/${member}/revoke"]`);
    eq(path(page), `/admin/people/${member}/revoke`, 'the revoke link');
    await axeIf(page, 'revoke confirm');
    await page.click('button.govuk-button--warning');
    eq(path(page), '/admin/people', 'after revoking');
    check((await page.textContent('.govuk-notification-banner')).includes(w.revoked), 'no banner after revoking');
    await axeIf(page, 'people after');

    await page.goto(`${base}/admin/settings`);
    await axeIf(page, 'settings');
    await page.click('form[action="/admin/settings"] button[type=submit]');
    eq(path(page), '/admin/settings', 'after saving the settings');
    check((await page.textContent('.govuk-notification-banner')).includes(w.saved), 'no banner after saving');
    await page.screenshot({ path: join(shots, `pages-admin-people-${label}.png`), fullPage: true });

    // The member's session ended at once, and a new code does not sign them in.
    await mpage.goto(`${base}/member`);
    eq(path(mpage), '/sign-in', "the revoked member's session ended");
    await signIn(mpage, memberEmail, lang);
    check(path(mpage) !== '/member', 'the revoked member signed in again');

    // The admin gives the access back, and the member signs in again.
    await page.goto(`${base}/admin/people`);
    await page.click(`form[action="/admin/people/${member}/reinstate"] button[type=submit]`);
    eq(path(page), '/admin/people', 'after giving access back');
    check((await page.textContent('.govuk-notification-banner')).includes(w.reinstated), 'no banner after giving access back');
    await axeIf(page, 'people after giving back');
    await signIn(mpage, memberEmail, lang);
    eq(path(mpage), '/member', 'the member given access back signs in again');
    await mctx.close();

    // The second admin signs in to the admins' pages.
    const actx = watch(await browser.newContext(opts(lang)));
    const apage = await actx.newPage();
    await signIn(apage, second, lang);
    eq(path(apage), '/admin', 'the invited admin lands on the admins\' pages');
    await actx.close();
    await ctx.close();
  }

  return [
    ['Admin people, Welsh, JavaScript on: invite a second admin, revoke a member and give the access back', () => journey({ js: true, lang: 'cy', label: 'cy-js' })],
    ['Admin people, English, JavaScript on: invite a second admin, revoke a member and give the access back', () => journey({ js: true, lang: 'en', label: 'en-js' })],
    ['Admin people, Welsh, JavaScript off: invite a second admin, revoke a member and give the access back', () => journey({ js: false, lang: 'cy', label: 'cy-nojs' })],
    ['Admin people, English, JavaScript off: invite a second admin, revoke a member and give the access back', () => journey({ js: false, lang: 'en', label: 'en-nojs' })],
  ];
}
