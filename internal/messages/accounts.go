package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Direct-payment accounts, pools and statements.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldHumanCheck: {"Doedden ni ddim yn gallu gwirio mai person sy'n anfon y ffurflen. Rhowch gynnig arall arni.", "We could not check that a person is sending this form. Please try again."},
		"field." + dpcoop.FieldNotInPool:  {"Rhaid i bob aelod ar y sifft fod yn aelod o'r gronfa.", "Every member on the shift must be a member of the pool."},
		dpcoop.CodePoolFunds:              {"Does dim digon o arian yn y gronfa ar y cyd ar gyfer y gwariant hwn. Arhoswch i'r aelodau dalu i mewn, neu gwariwch lai.", "The shared fund does not hold enough money for this spending. Wait for the members to pay in, or spend less."},
		dpcoop.CodePoolLimit:              {"Mae'r gronfa wedi cyrraedd ei therfyn gwario am y cyfnod hwn. Mae angen i'r aelodau gytuno ar y gwariant hwn.", "The fund has reached its spending limit for this period. Its members need to agree to this spending."},
		"field." + dpcoop.FieldPoolFunds:  {"Mae hyn yn fwy nag sydd yn y gronfa ar y cyd. Rhowch swm llai.", "This is more than the shared fund holds. Enter a smaller amount."},
		"field." + dpcoop.FieldConsent:    {"Rhaid i'r aelod gytuno i ymuno. Ticiwch i ddangos eu bod yn cytuno.", "The member must agree to join. Tick to show they agree."},

		"source." + string(dpcoop.SourceCouncilPayment):   {"Taliad uniongyrchol gan y cyngor ({council})", "Direct payment from the council ({council})"},
		"source." + string(dpcoop.SourcePayrollCharge):    {"Cymorth gan eich PAs ({month})", "Support from your PAs ({month})"},
		"source." + string(dpcoop.SourceCoopFee):          {"Ffi'r cwmni cydweithredol ({month})", "The co-op's fee ({month})"},
		"source." + string(dpcoop.SourcePoolContribution): {"Eich rhan o gronfa ar y cyd: {pool} ({month})", "Your share of a shared fund: {pool} ({month})"},
		"source." + string(dpcoop.SourcePoolSpending):     {"Gwariant o gronfa ar y cyd", "Spending from a shared fund"},
		"source." + string(dpcoop.SourceRefund):           {"Ad-daliad o gronfa ar y cyd: {pool}", "Refund from a shared fund: {pool}"},
		"source." + string(dpcoop.SourceAdjustment):       {"Addasiad: {ref}", "Adjustment: {ref}"},

		"statement.date":               {"Dyddiad", "Date"},
		"statement.source":             {"Ffynhonnell", "Source"},
		"statement.description":        {"Disgrifiad", "Description"},
		"statement.in":                 {"I mewn (ceiniogau)", "In (pence)"},
		"statement.in_pounds":          {"I mewn (£)", "In (£)"},
		"statement.out_pounds":         {"Allan (£)", "Out (£)"},
		"statement.balance_pounds":     {"Balans (£)", "Balance (£)"},
		"sourcename.council_payment":   {"Taliad gan y cyngor", "Council payment"},
		"sourcename.payroll_charge":    {"Cymorth gan PAs", "Support from PAs"},
		"sourcename.coop_fee":          {"Ffi", "Fee"},
		"sourcename.pool_contribution": {"Cronfa ar y cyd", "Shared fund"},
		"sourcename.pool_spending":     {"Gwariant o gronfa", "Fund spending"},
		"sourcename.refund":            {"Ad-daliad", "Refund"},
		"sourcename.adjustment":        {"Addasiad", "Adjustment"},
		"statement.out":                {"Allan (ceiniogau)", "Out (pence)"},
		"statement.balance":            {"Balans (ceiniogau)", "Balance (pence)"},
		"statement.entry":              {"Cyfeirnod", "Reference"},
		"statement.brought_forward":    {"Balans a ddygwyd ymlaen", "Balance brought forward"},
		"statement.carried_forward":    {"Balans a gariwyd ymlaen", "Balance carried forward"},
		"statement.paid_for_support":   {"cymorth: {hours} awr {minutes} munud, {amount}", "support: {hours} hours {minutes} minutes, {amount}"},
		"statement.paid_for_spending":  {"{what}: {amount}", "{what}: {amount}"},

		"alert.may_not_cover_next_month": {"Efallai na fydd y balans yn talu am gymorth y mis nesaf (tua {amount}). Siaradwch â'r cyngor.", "The balance may not cover next month's support (about {amount}). Talk to the council."},
		"alert.over_surplus_limit":       {"Mae'r balans yn uwch na {amount}. Gall y cyngor ofyn am arian sydd heb ei wario yn ôl.", "The balance is above {amount}. The council may ask for unspent money back."},
	})
}
