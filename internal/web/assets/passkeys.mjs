// Passkeys, where the browser can use them: every element marked
// data-passkey ("add" on the passkeys page, "signin" on the sign-in page) is
// shown, and its button runs a WebAuthn ceremony. The server's options come
// from data-start; the browser's answer goes to data-finish as JSON in the
// form field "credential", with the page's CSRF token (and, to sign in, the
// email typed on the page). The server answers
// where to go next, or a message in the person's language. Without this
// script (or WebAuthn) the boxes stay hidden and the email code works as
// ever.

const b64url = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

// credentialJSON is a new or asserted credential as the server reads it
// (WebAuthn Level 3's JSON form, built by hand for browsers without toJSON).
function credentialJSON (c) {
  const r = c.response
  const out = {
    id: c.id,
    rawId: b64url(c.rawId),
    type: c.type,
    authenticatorAttachment: c.authenticatorAttachment || undefined,
    clientExtensionResults: c.getClientExtensionResults(),
    response: { clientDataJSON: b64url(r.clientDataJSON) }
  }
  if (r.attestationObject) {
    out.response.attestationObject = b64url(r.attestationObject)
    out.response.transports = r.getTransports ? r.getTransports() : []
  } else {
    out.response.authenticatorData = b64url(r.authenticatorData)
    out.response.signature = b64url(r.signature)
    if (r.userHandle) out.response.userHandle = b64url(r.userHandle)
  }
  return out
}

// publicKeyOptions turns the server's options (base64url strings) into the
// buffers the WebAuthn API takes.
function publicKeyOptions (options) {
  const pk = options.publicKey
  pk.challenge = bytes(pk.challenge)
  if (pk.user) pk.user.id = bytes(pk.user.id)
  for (const c of pk.excludeCredentials || []) c.id = bytes(c.id)
  for (const c of pk.allowCredentials || []) c.id = bytes(c.id)
  return pk
}

async function post (url, csrf, fields) {
  const body = new URLSearchParams({ csrf, ...fields })
  return fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
}

function showError (message) {
  const box = document.querySelector('[data-passkey-error]')
  if (!box) return
  box.querySelector('[data-passkey-message]').textContent = message
  box.hidden = false
  box.focus()
}

async function ceremony (box) {
  const csrf = box.dataset.csrf
  // Signing in on AWS needs the email typed above (Cognito asks for the
  // passkeys of one user); make dev's passkeys need none.
  const email = document.querySelector('input[name="email"]')
  const start = await post(box.dataset.start, csrf, box.dataset.passkey === 'signin' && email ? { email: email.value } : {})
  if (!start.ok) {
    const answer = await start.json().catch(() => ({}))
    showError(answer.message || box.dataset.failed)
    return
  }
  const publicKey = publicKeyOptions(await start.json())
  const credential = box.dataset.passkey === 'add'
    ? await navigator.credentials.create({ publicKey })
    : await navigator.credentials.get({ publicKey })
  const res = await post(box.dataset.finish, csrf, { credential: JSON.stringify(credentialJSON(credential)) })
  const answer = await res.json()
  if (answer.next) {
    window.location.assign(answer.next)
    return
  }
  showError(answer.message || box.dataset.failed)
}

if (window.PublicKeyCredential && navigator.credentials) {
  for (const box of document.querySelectorAll('[data-passkey]')) {
    box.hidden = false
    const button = box.querySelector('button')
    button.addEventListener('click', async () => {
      button.disabled = true
      try {
        await ceremony(box)
      } catch {
        showError(box.dataset.failed)
      } finally {
        button.disabled = false
      }
    })
  }
  for (const p of document.querySelectorAll('[data-passkey-unable]')) p.hidden = true
}
