// Progressive enhancement only: every page works without this script.
// It marks the page as able to run GOV.UK Frontend's components (the class
// its inline snippet would add, which our Content Security Policy forbids)
// and starts them.
import { initAll } from '/assets/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
