// A journey by keyboard alone, run by .tools/pages-test.mjs after the other
// journeys: Tom (a PA) signs in and records a shift for Rhys using only Tab,
// Shift+Tab, Enter, Space and typing, never a click. Each time focus moves,
// the focused element must show it: an outline or a box-shadow that can be
// seen (GOV.UK Frontend's focus state is a yellow outline or shadow).

// keyboardTests are the keyboard journey, for pages-test.mjs to run.
export function keyboardTests({ browser, base, viewport, watch, lastCode, check, eq }) {
  const path = (page) => new URL(page.url()).pathname;

  // focused describes the element that has focus and whether its focus can
  // be seen.
  const focused = (page) => page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', visible: false, text: '' };
    const s = getComputedStyle(el);
    const clear = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !clear(s.outlineColor);
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    return { tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', href: el.getAttribute('href') || '',
      text: (el.innerText || el.value || '').trim().slice(0, 60), label: el.labels && el.labels[0] ? el.labels[0].innerText.trim() : '',
      visible: outline || shadow };
  });

  // tabTo presses Tab (or Shift+Tab) until the focused element is the one
  // wanted, checking at each step that focus can be seen.
  async function tabTo(page, wanted, what, back = false) {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const f = await focused(page);
      check(f.tag !== 'body', `focus left the page while looking for ${what}`);
      check(f.visible, `focus cannot be seen on ${f.tag}#${f.id} "${f.text}" (on ${path(page)})`);
      if (wanted(f)) return f;
    }
    throw new Error(`${what} was not reached by Tab on ${path(page)}`);
  }

  return [
    ['Keyboard alone: Tom signs in and records a shift, focus always visible', async () => {
      const context = watch(await browser.newContext({ locale: 'en-GB', viewport }));
      const page = await context.newPage();
      const email = 'tom@demo.coop.example';
      await page.goto(`${base}/sign-in?lang=en`);
      // The skip link comes first and leads to the content.
      const skip = await tabTo(page, () => true, 'the skip link');
      eq(skip.href, '#main-content', 'the first Tab stop');
      await tabTo(page, (f) => f.id === 'signin-email', 'the email field');
      await page.keyboard.type(email);
      await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the continue button');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      eq(path(page), '/sign-in/code', 'after the email');
      await tabTo(page, (f) => f.id === 'code-code', 'the code field');
      await page.keyboard.type(lastCode(email));
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      eq(path(page), '/pa', 'after the code');

      await tabTo(page, (f) => f.tag === 'a' && f.href === '/pa/shifts/new', 'the record a shift link');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      eq(path(page), '/pa/shifts/new', 'the record link');
      await tabTo(page, (f) => f.id === 'shift-start', 'the start field');
      await page.keyboard.type('08:00');
      await tabTo(page, (f) => f.id === 'shift-end', 'the end field');
      await page.keyboard.type('09:00');
      await tabTo(page, (f) => f.type === 'checkbox' && f.label === 'Rhys Price', 'Rhys\'s checkbox');
      // Space toggles the box (a PA with one member finds it ticked already).
      const ticked = () => page.evaluate(() => document.activeElement.checked);
      const before = await ticked();
      await page.keyboard.press('Space');
      check(await ticked() !== before, 'Space did not toggle Rhys\'s checkbox');
      if (before) await page.keyboard.press('Space');
      check(await ticked(), 'Rhys is not ticked');
      // Back to the end time with Shift+Tab: it kept what was typed.
      await tabTo(page, (f) => f.id === 'shift-end', 'the end field, going back', true);
      eq(await page.inputValue('#shift-end'), '09:00', 'the end time, after going back');
      await tabTo(page, (f) => f.tag === 'button' && f.type === 'submit', 'the save button');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      eq(path(page), '/pa', 'after recording');
      check((await page.textContent('.govuk-notification-banner')).includes('Your shift is recorded'), 'no success banner');
      const row = page.locator('tr:has-text("08:00–09:00")').first();
      check(await row.count() === 1, 'the shift 08:00–09:00 is not listed');
      check((await row.textContent()).includes('Rhys Price'), 'the shift does not name Rhys');
      await context.close();
    }],
  ];
}
