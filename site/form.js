/* The application form's small script. The form works without it; with it:
 *  - the API's answer in the address (?status=received&ref=...) is shown: a
 *    thank-you with the reference, in the language the applicant chose. The
 *    API never sends a failed post back here: it sends the browser to the
 *    service's own page that explains what went wrong, so this page never
 *    says "sent" for a post that failed;
 *  - the form comes back to this page's own address (redirect) and carries
 *    a nonce, the same for the same answers in this tab, so a double click
 *    or a resend makes one application;
 *  - the browser's own checks are switched off so the API's messages, in
 *    Welsh or English, are the ones people see.
 * We keep nothing personal in the browser (only a hash of the answers, to
 * reuse the nonce). */
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
