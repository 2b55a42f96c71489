/* The application form's small script. The form works without it; with it:
 *  - the API's answer in the address (?status=...) is shown: a thank-you
 *    with the reference, or an error summary (GOV.UK pattern) with each
 *    message beside its field, in the language the applicant chose;
 *  - the form comes back to this page's own address (redirect) and carries
 *    a nonce, the same for the same answers in this tab, so a double click
 *    or a resend makes one application;
 *  - the browser's own checks are switched off so the API's messages, in
 *    Welsh or English, are the ones people see.
 * Nothing typed into the form is put back after an error: the API does not
 * send answers back, and we keep nothing personal in the browser (only a
 * hash of the answers, to reuse the nonce). */
(function () {
  'use strict';

  var doc = document;
  var root = doc.documentElement;
  root.classList.add('js');

  var pageLang = root.lang === 'en' ? 'en' : 'cy';
  var form = doc.getElementById('apply-form');
  var result = doc.getElementById('result');
  var section = doc.getElementById('form-section');
  if (!form || !result || !section) return;

  var T = {
    cy: {
      errorTitle: 'Mae problem',
      errorFix: 'Newidiwch yr atebion hyn ac anfonwch y ffurflen eto.',
      errorEmpty: 'I gadw eich manylion yn breifat, mae’r ffurflen yn wag eto.',
      errorPrefix: 'Gwall',
      errorUnknown: 'Aeth rhywbeth o’i le. Rhowch gynnig arall arni.',
      thanks: 'Diolch. Mae eich cais gyda ni.',
      reference: 'Eich cyfeirnod',
      writeDown: 'Ysgrifennwch y cyfeirnod i lawr. Rhowch ef i ni os byddwch chi’n cysylltu â ni.',
      next: 'Beth sy’n digwydd nesaf',
      nextSteps: [
        'Bydd rhywun o’r co-op yn edrych ar eich cais.',
        'Byddwn yn cysylltu â chi.',
        'Does dim angen i chi anfon y ffurflen eto.'
      ],
      home: 'Yn ôl i’r dudalen gartref',
      sentTitle: 'Cais wedi’i anfon'
    },
    en: {
      errorTitle: 'There is a problem',
      errorFix: 'Change these answers and send the form again.',
      errorEmpty: 'To keep your details private, the form is empty again.',
      errorPrefix: 'Error',
      errorUnknown: 'Something went wrong. Please try again.',
      thanks: 'Thank you. We have your application.',
      reference: 'Your reference',
      writeDown: 'Write the reference down. Give it to us if you contact us.',
      next: 'What happens next',
      nextSteps: [
        'Someone from the co-op will look at your application.',
        'We will contact you.',
        'You do not need to send the form again.'
      ],
      home: 'Back to the home page',
      sentTitle: 'Application sent'
    }
  };

  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    }
    if (text != null) e.textContent = text;
    return e;
  }

  // Text from the address is only ever shown as text, and kept short.
  function clean(s, max) {
    s = String(s == null ? '' : s).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    return s.length > max ? s.slice(0, max) + '…' : s;
  }

  // A span for text in the applicant's language, marked when it differs
  // from the page's, so screen readers pronounce it right.
  function inLang(text, lang) {
    var s = el('span', lang !== pageLang ? { lang: lang } : null, text);
    return s;
  }

  var siteName = doc.title.indexOf(' – ') >= 0 ? doc.title.slice(doc.title.indexOf(' – ')) : '';

  // ---- The answer from the API, read from the address ----

  var q = new URLSearchParams(location.search);
  var status = q.get('status');
  var answerLang = q.get('lang') === 'en' ? 'en' : (q.get('lang') === 'cy' ? 'cy' : pageLang);

  // Switching language keeps the answer on screen.
  if (status) {
    Array.prototype.forEach.call(doc.querySelectorAll('[data-switch-lang]'), function (a) {
      a.setAttribute('href', a.getAttribute('href').split('?')[0] + location.search);
    });
  }

  if (status === 'received') {
    showReceived();
  } else if (status === 'error') {
    showErrors();
  }

  function showReceived() {
    var t = T[answerLang];
    var ref = q.get('ref');
    if (!ref || !/^[A-Za-z0-9_-]{1,100}$/.test(ref)) ref = '';

    result.textContent = '';
    if (answerLang !== pageLang) result.setAttribute('lang', answerLang);
    var panel = el('div', { 'class': 'panel' });
    panel.appendChild(el('h1', null, t.thanks));
    if (ref) {
      var p = el('p', null);
      p.appendChild(doc.createTextNode(t.reference + ': '));
      p.appendChild(el('strong', { 'class': 'reference', id: 'reference' }, ref));
      panel.appendChild(p);
    }
    result.appendChild(panel);
    if (ref) result.appendChild(el('p', null, t.writeDown));
    result.appendChild(el('h2', null, t.next));
    t.nextSteps.forEach(function (s) { result.appendChild(el('p', null, s)); });
    var home = el('p', null);
    home.appendChild(el('a', { href: 'index.html', 'class': 'big-link' }, t.home));
    result.appendChild(home);

    section.hidden = true;
    result.hidden = false;
    result.classList.add('result--received');
    doc.title = t.sentTitle + siteName;
    result.focus();
  }

  function fieldGroup(name) {
    return form.querySelector('.field[data-field="' + name.replace(/[^a-z_]/g, '') + '"]');
  }

  function showErrors() {
    var tp = T[pageLang];
    var items = [];
    var seen = {};
    q.getAll('error').forEach(function (e) {
      var i = e.indexOf(':');
      var field = i > 0 ? e.slice(0, i) : e;
      if (!/^[a-z_]{1,40}$/.test(field) || seen[field]) return;
      seen[field] = true;
      var message = clean(q.get('message.' + field), 300) || T[answerLang].errorUnknown;
      items.push({ field: field, message: message });
    });
    if (!items.length) {
      items.push({ field: '', message: clean(q.get('message'), 300) || T[answerLang].errorUnknown });
    }
    if (q.get('code') === 'idempotency_key_reused') forgetNonce();

    var box = el('div', { 'class': 'error-summary', id: 'error-summary', tabindex: '-1' });
    var alert = el('div', { role: 'alert' });
    alert.appendChild(el('h2', { id: 'error-summary-title' }, tp.errorTitle));
    var fix = el('p', null, tp.errorFix);
    alert.appendChild(fix);
    var list = el('ul');
    var firstTarget = null;

    items.forEach(function (it) {
      var li = el('li');
      var group = it.field ? fieldGroup(it.field) : null;
      var target = group ? group.querySelector('input, textarea, select') : null;
      if (group && target) {
        var a = el('a', { href: '#' + target.id });
        a.appendChild(doc.createTextNode(group.getAttribute('data-name') + ': '));
        a.appendChild(inLang(it.message, answerLang));
        a.addEventListener('click', function (ev) {
          ev.preventDefault();
          focusField(group, target);
        });
        li.appendChild(a);
        markField(group, it);
        if (!firstTarget) firstTarget = target;
      } else {
        li.appendChild(inLang(it.message, answerLang));
      }
      list.appendChild(li);
    });
    alert.appendChild(list);
    if (firstTarget) {
      alert.appendChild(el('p', null, tp.errorEmpty));
    } else {
      alert.removeChild(fix); // nothing to change: only the message counts
    }
    box.appendChild(alert);

    result.textContent = '';
    result.appendChild(box);
    result.hidden = false;
    result.removeAttribute('tabindex');

    // The one answer that is not personal and that the address does carry:
    // the language chosen, when the API accepted it.
    if (!seen.language && (q.get('lang') === 'cy' || q.get('lang') === 'en')) {
      var radio = doc.getElementById('language-' + q.get('lang'));
      if (radio) radio.checked = true;
    }

    doc.title = tp.errorPrefix + ': ' + doc.title;
    box.focus();
  }

  // An inline message above the field (below its label and hint), tied to
  // it with aria-describedby.
  function markField(group, it) {
    var id = it.field + '-error';
    if (doc.getElementById(id)) return;
    group.classList.add('field--error');
    var msg = el('p', { 'class': 'error-message', id: id });
    msg.appendChild(el('span', { 'class': 'visually-hidden' }, T[pageLang].errorPrefix + ':'));
    msg.appendChild(doc.createTextNode(' '));
    msg.appendChild(inLang(it.message, answerLang));

    var fieldset = group.querySelector('fieldset');
    var controls = group.querySelectorAll('input, textarea');
    if (fieldset) {
      var legend = fieldset.querySelector('legend');
      var hint = legend.nextElementSibling && legend.nextElementSibling.classList.contains('hint') ? legend.nextElementSibling : null;
      fieldset.insertBefore(msg, (hint || legend).nextSibling);
      describe(fieldset, id);
    } else {
      var input = controls[0];
      input.parentNode.insertBefore(msg, input);
      describe(input, id);
    }
    Array.prototype.forEach.call(controls, function (c) { c.setAttribute('aria-invalid', 'true'); });
  }

  function describe(node, id) {
    var ids = (node.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    ids.push(id);
    node.setAttribute('aria-describedby', ids.join(' '));
  }

  // Focus the field and show its question too (a plain jump would scroll the
  // label or legend out of sight).
  function focusField(group, target) {
    var question = group.querySelector('legend') || group.querySelector('label');
    target.focus({ preventScroll: true });
    (question || target).scrollIntoView({ block: 'start' });
  }

  // ---- Sending ----

  form.noValidate = true;
  var redirect = form.querySelector('input[name="redirect"]');
  if (redirect) redirect.value = location.origin + location.pathname;

  var nonce = el('input', { type: 'hidden', name: 'nonce' });
  form.appendChild(nonce);

  var button = form.querySelector('button[type="submit"]');
  var buttonText = button ? button.textContent : '';
  var sending = false;
  var sendingTimer = null;
  var memory = null; // when sessionStorage is not available

  // A short hash of the answers (FNV-1a, twice): tells "the same answers
  // again" from new ones without keeping the answers.
  function signature() {
    var data = new FormData(form);
    var parts = ['kind', 'name', 'email', 'phone', 'address', 'language', 'consent_electronic', 'support_needs'].map(function (k) {
      return k + '=' + String(data.get(k) || '').trim();
    });
    var s = parts.join('\u0001');
    var h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x01000193 + 2 * i + 1) >>> 0;
    }
    return ('0000000' + h1.toString(16)).slice(-8) + ('0000000' + h2.toString(16)).slice(-8);
  }

  function randomNonce() {
    var b = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  var STORE = 'dpcoop-apply-nonce';
  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE) || 'null'); } catch (e) { return memory; }
  }
  function save(v) {
    memory = v;
    try { sessionStorage.setItem(STORE, JSON.stringify(v)); } catch (e) { /* memory only */ }
  }
  function forgetNonce() {
    memory = null;
    try { sessionStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
  }

  // The same answers in this tab get the same nonce: the API then returns
  // the first application instead of making a second one.
  function nonceFor(sig) {
    var kept = load();
    if (kept && kept.sig === sig && typeof kept.nonce === 'string') return kept.nonce;
    var n = randomNonce();
    save({ sig: sig, nonce: n });
    return n;
  }

  function ready() {
    sending = false;
    clearTimeout(sendingTimer);
    if (button) {
      button.removeAttribute('aria-disabled');
      button.textContent = buttonText;
    }
  }

  form.addEventListener('submit', function (ev) {
    if (sending) {
      ev.preventDefault();
      return;
    }
    sending = true;
    nonce.value = nonceFor(signature());
    if (button) {
      button.setAttribute('aria-disabled', 'true');
      button.textContent = button.getAttribute('data-sending') || buttonText;
    }
    // If the network fails and the page stays, let people try again (the
    // nonce keeps it one application).
    sendingTimer = setTimeout(ready, 15000);
  });

  // Coming back with the Back button restores the page as it was: sendable.
  window.addEventListener('pageshow', function (ev) {
    if (ev.persisted) ready();
  });
})();
