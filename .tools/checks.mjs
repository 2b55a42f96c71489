// What the browser scripts (browser-test.mjs for the co-op's site and the
// hosted form, pages-test.mjs for the pages) share: their assertions and
// running axe-core's WCAG 2.2 AA rules on a page.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const axeSource = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Failure is a check that did not hold: a journey fails with its message.
export class Failure extends Error {}

export function check(ok, message) {
  if (!ok) throw new Failure(message);
}

export function eq(got, want, what) {
  check(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// shownOnce waits (up to 10 s) for what a form's answer should show, as a
// click's navigation may still be arriving on a loaded machine, and says
// whether it is on the page exactly once.
export async function shownOnce(page, selector) {
  const there = await page.locator(selector).first().waitFor({ state: 'attached', timeout: 10000 }).then(() => true, () => false);
  return there && (await page.locator(selector).count()) === 1;
}

// axeRun runs axe-core on the page as it is now: the WCAG 2.2 AA rules
// (violations, what needs a person to check, and how many rules passed) and
// the best-practice rules' violations, each finding in brief.
export async function axeRun(page) {
  // Through the DevTools protocol, not a <script>: the service's pages'
  // Content Security Policy rightly refuses inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete', 'passes'] });
    const bp = await window.axe.run(document, { runOnly: { type: 'tag', values: ['best-practice'] }, resultTypes: ['violations'] });
    const brief = (v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
    return { passes: r.passes.length, violations: r.violations.map(brief), incomplete: r.incomplete.map(brief), practice: bp.violations.map(brief) };
  }, axeTags);
}

// signIn signs a person in through the pages with the code the local outbox
// received, lands on their home page (home) and switches it to lang.
export async function signIn(page, { base, lastCode }, email, lang, home) {
  await page.goto(`${base}/sign-in?lang=${lang}`);
  await page.fill('#signin-email', email);
  await page.click('main button[type=submit]');
  await page.fill('#code-code', lastCode(email));
  await page.click('main button[type=submit]');
  eq(new URL(page.url()).pathname, home, `${email} after the code`);
  await page.goto(`${base}${home}?lang=${lang}`);
  eq(await page.getAttribute('html', 'lang'), lang, 'the language chosen');
}

// politeFetch sends a request as a well-behaved client does: when the
// service says to slow down (429, as it does past a client's applications a
// minute, which a fast machine reaches), it waits the Retry-After it was
// given and sends the same request again (its Idempotency-Key makes that
// safe), up to three times.
export async function politeFetch(url, init) {
  for (let tries = 0; ; tries++) {
    const res = await fetch(url, init);
    if (res.status !== 429 || tries === 3) return res;
    const wait = Number(res.headers.get('retry-after')) || 5;
    await new Promise((done) => setTimeout(done, Math.min(wait, 65) * 1000));
  }
}
