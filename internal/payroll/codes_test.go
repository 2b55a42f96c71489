package payroll

import "testing"

// The string codes are an API: the messages, stored payslips and the API
// layer key on them. This test pins every one; changing a value is a
// breaking change.
func TestStableCodes(t *testing.T) {
	pinned := map[string]string{
		string(CheckBelowNationalLivingWage):    "below_national_living_wage",
		string(CheckBelowMinimumWage18To20):     "below_minimum_wage_18_20",
		string(CheckBelowMinimumWage16To17):     "below_minimum_wage_16_17",
		string(CheckBelowApprenticeRate):        "below_apprentice_rate",
		string(CheckAutoEnrolmentDue):           "auto_enrolment_due",
		string(CheckBelowRealLivingWage):        "below_real_living_wage",
		string(CheckTaxOverridingLimit):         "tax_overriding_limit_applied",
		string(CheckSSPBelowLowerEarningsLimit): "ssp_below_lower_earnings_limit",
		NotInScope.String():                     "not_in_scope",
		EntitledWorker.String():                 "entitled_worker",
		NonEligibleJobholder.String():           "non_eligible_jobholder",
		EligibleJobholder.String():              "eligible_jobholder",
		ShiftStandard.String():                  "standard",
		ShiftNight.String():                     "night",
		ShiftSleepIn.String():                   "sleep_in",
		ShiftBankHoliday.String():               "bank_holiday",
		ShiftHoliday.String():                   "holiday",
		Weekly.String():                         "weekly",
		Fortnightly.String():                    "fortnightly",
		FourWeekly.String():                     "four-weekly",
		Monthly.String():                        "monthly",
		RegimeRUK.String():                      "rUK",
		RegimeWales.String():                    "wales",
		RegimeScotland.String():                 "scotland",
	}
	for got, want := range pinned {
		if got != want {
			t.Errorf("code %q changed to %q", want, got)
		}
	}
	for k := ShiftStandard; k <= ShiftHoliday; k++ {
		if got, err := ParseShiftKind(k.String()); err != nil || got != k {
			t.Errorf("ParseShiftKind(%q) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseShiftKind("overtime"); err == nil {
		t.Error("unknown shift kind accepted")
	}
	for _, s := range []string{ShiftKind(0).String(), WorkerCategory(9).String(), Frequency(0).String(), Regime(7).String()} {
		if s == "" {
			t.Error("an invalid value must still print something")
		}
	}
	err := inputError("TaxCode", CodeInvalidTaxCode, `tax code "Q": empty`)
	if err.Error() != `payroll: TaxCode: tax code "Q": empty (invalid_tax_code)` {
		t.Errorf("error text: %s", err)
	}
}
