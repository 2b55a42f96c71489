package dpcoop

import (
	"reflect"
	"slices"
)

// StatementTerms are the co-op's settings a PA's written statement states
// (when and how they are paid, holiday, pension, probation, training, the
// procedure): each version keeps the terms it was issued with, so an old
// version reads as it was given, and a change of them gives every current
// PA a new version (Employment Rights Act 1996 s.4: a statement of the
// change within a month).
type StatementTerms struct {
	EmploymentTerms
	PayDay                    int    `json:"pay_day"`
	PaysWithinMonth           bool   `json:"pays_within_month"`
	MileagePence              int64  `json:"mileage_pence"`
	Holiday                   string `json:"holiday"`
	HolidayYearMonth          int    `json:"holiday_year_month"`
	PensionSchemeName         string `json:"pension_scheme_name,omitempty"`
	PensionEmployerBP         int64  `json:"pension_employer_bp"`
	PensionEmployeeBP         int64  `json:"pension_employee_bp"`
	PensionPostponementMonths int    `json:"pension_postponement_months"`
	// RequiredTraining are the courses every PA must complete (the
	// training setting's, RequiredTraining; a version issued before it was
	// the one list may hold the old codes "induction" and "safeguarding").
	RequiredTraining []Course `json:"required_training,omitempty"`
}

// TermsOf are the statement's terms in the settings and the training
// every PA must hold.
func TermsOf(s PayrollSettings, required RequiredTraining) StatementTerms {
	return StatementTerms{EmploymentTerms: s.EmploymentTerms, PayDay: s.PayDay, PaysWithinMonth: s.PaysWithinMonth, MileagePence: s.MileagePence,
		Holiday: s.Holiday, HolidayYearMonth: s.HolidayYearMonth, PensionSchemeName: s.PensionSchemeName,
		PensionEmployerBP: s.PensionEmployerBP, PensionEmployeeBP: s.PensionEmployeeBP, PensionPostponementMonths: s.PensionPostponementMonths,
		RequiredTraining: required.Courses}
}

// In are the settings with these terms in place of the settings' own: what
// a version of a statement was issued with.
func (t StatementTerms) In(s PayrollSettings) PayrollSettings {
	s.EmploymentTerms, s.PayDay, s.PaysWithinMonth, s.MileagePence = t.EmploymentTerms, t.PayDay, t.PaysWithinMonth, t.MileagePence
	s.Holiday, s.HolidayYearMonth, s.PensionSchemeName = t.Holiday, t.HolidayYearMonth, t.PensionSchemeName
	s.PensionEmployerBP, s.PensionEmployeeBP, s.PensionPostponementMonths = t.PensionEmployerBP, t.PensionEmployeeBP, t.PensionPostponementMonths
	return s
}

// equal reports whether two sets of terms say the same (no training
// required is the same however it is kept).
func (t StatementTerms) equal(o StatementTerms) bool {
	a, b := t, o
	a.RequiredTraining, b.RequiredTraining = nil, nil
	return reflect.DeepEqual(a, b) && slices.Equal(t.RequiredTraining, o.RequiredTraining)
}
