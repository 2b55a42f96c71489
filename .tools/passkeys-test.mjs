// Browser journey of passkeys (internal/web/passkeys.go, assets/passkeys.mjs),
// run by .tools/pages-test.mjs. Chromium's virtual authenticator (over the
// DevTools protocol: a CTAP2 platform authenticator that keeps discoverable
// credentials and verifies the user) stands in for a phone or laptop. Tom, a
// PA, signs in with the outbox's code, adds a passkey, signs out, signs in
// with the passkey alone, removes it, and then cannot sign in with it. axe
// checks the passkeys page in Welsh and English; without JavaScript the
// sign-in page offers no passkey button.

import { join } from 'node:path';

// passkeyTests are the journeys, for pages-test.mjs to run.
export function passkeyTests({ browser, base, viewport, shots, axe, watch, lastCode, check, eq }) {
  const email = 'tom@demo.coop.example';
  const path = (page) => new URL(page.url()).pathname + new URL(page.url()).search;
  return [
    ['Passkeys: Tom adds one, signs in with it alone, removes it (virtual authenticator)', async () => {
      const context = watch(await browser.newContext({ locale: 'en-GB', viewport }));
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
        protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
      } });

      await page.goto(`${base}/sign-in?lang=en`);
      await page.fill('#signin-email', email);
      await page.click('main form button[type=submit]');
      await page.fill('#code-code', lastCode(email));
      await page.click('main button[type=submit]');
      eq(new URL(page.url()).pathname, '/pa', 'signed in by code');
      await page.click('a:has-text("Your details")');
      await page.click('a:has-text("Manage your passkeys")');
      eq(path(page), '/account/passkeys', 'the link from the details page');
      check(await page.isVisible('text=You have no passkeys yet.'), 'a passkey before any was added');
      check(!(await page.isVisible('[data-passkey-unable]')), 'the page says the browser cannot use passkeys');
      await axe(page, 'passkeys en');

      await page.click('button:has-text("Add a passkey")');
      await page.waitForURL('**/account/passkeys?done=added');
      check((await page.textContent('.govuk-notification-banner')).includes('Your passkey is added'), 'no banner after adding');
      eq(await page.locator('tbody tr').count(), 1, 'passkeys listed after adding');
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      eq(credentials.length, 1, 'credentials the authenticator holds');
      check(credentials[0].isResidentCredential, 'the passkey is not discoverable');
      await axe(page, 'passkeys en, one listed');
      await page.goto(`${base}/account/passkeys?lang=cy`);
      eq((await page.textContent('h1')).trim(), 'Allweddi mynediad', 'the Welsh heading');
      await axe(page, 'passkeys cy');
      await page.screenshot({ path: join(shots, 'pages-passkeys-cy.png'), fullPage: true });
      await page.goto(`${base}/account/passkeys?lang=en`);

      await page.click('button:has-text("Sign out")');
      eq(path(page), '/signed-out', 'signed out');
      await page.goto(`${base}/sign-in?lang=en`);
      await axe(page, 'sign-in with the passkey button');
      await page.click('button:has-text("Sign in with a passkey")');
      await page.waitForURL(`${base}/pa`);
      eq((await page.textContent('h1')).trim(), 'Your shifts', 'signed in with the passkey');

      await page.goto(`${base}/account/passkeys`);
      await page.click('main button:has-text("Remove")');
      eq(path(page), '/account/passkeys?done=removed', 'after removing');
      check((await page.textContent('.govuk-notification-banner')).includes('The passkey is removed'), 'no banner after removing');
      check(await page.isVisible('text=You have no passkeys yet.'), 'the removed passkey is still listed');

      await page.click('button:has-text("Sign out")');
      await page.goto(`${base}/sign-in?lang=en`);
      await page.click('button:has-text("Sign in with a passkey")');
      await page.waitForSelector('[data-passkey-error]:not([hidden])');
      check((await page.textContent('[data-passkey-error]')).includes('We could not accept that passkey'), 'the removed passkey was not refused');
      eq(new URL(page.url()).pathname, '/sign-in', 'still on the sign-in page');
      await axe(page, 'sign-in, passkey refused');
      await page.close();
      await context.close();
    }],
    ['Passkeys: without JavaScript the sign-in page offers only the email code', async () => {
      const nojs = watch(await browser.newContext({ javaScriptEnabled: false, locale: 'cy-GB', viewport }));
      const page = await nojs.newPage();
      await page.goto(`${base}/sign-in`);
      check(!(await page.isVisible('[data-passkey]')), 'a passkey button without JavaScript');
      check(await page.isVisible('#signin-email'), 'no email field');
      await page.close();
      await nojs.close();
    }],
  ];
}
