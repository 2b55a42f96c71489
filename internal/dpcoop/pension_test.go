package dpcoop

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

func pensionPA(start Date, choice string) PA {
	return PA{ID: "pa1", Coop: "demo", LegalName: "Elin", Language: English, StartDate: start, Pension: choice, Status: PAActive}
}

func duties(postpone int) PayrollSettings {
	s := DefaultPayrollSettings
	s.PensionSchemeName, s.PensionDutiesStart, s.PensionPostponementMonths = "NEST", "2026-04-06", postpone
	return s
}

// final records a run's decision as a final run would.
func final(h PayHistory, d PensionDecision, today Date) PayHistory {
	h.PensionEvents = append(h.PensionEvents, IssueLetters(d.Events, today)...)
	return h
}

func decide(pa PA, h PayHistory, s PayrollSettings, month string, c payroll.WorkerCategory) PensionDecision {
	return DecidePension(pa, h, PensionMonth{Settings: s, Month: month, Category: c, At: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
}

func kinds(es []PensionEvent) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Kind+"@"+string(e.Date))
	}
	return out
}

func TestDecidePension(t *testing.T) {
	eligible, nonEligible := payroll.EligibleJobholder, payroll.NonEligibleJobholder
	t.Run("not set up: the hiring choice stands, nothing recorded", func(t *testing.T) {
		s := duties(0)
		s.PensionDutiesStart = ""
		if d := decide(pensionPA("2026-04-06", PensionAssess), PayHistory{}, s, "2026-10", eligible); d.Status != payroll.PensionNotEnrolled || len(d.Events) != 0 {
			t.Fatalf("%+v", d)
		}
		if d := decide(pensionPA("2026-04-06", PensionEnrol), PayHistory{}, s, "2026-10", eligible); d.Status != payroll.PensionEnrolled {
			t.Fatalf("%+v", d)
		}
	})
	t.Run("a starter mid-month is enrolled from their start date", func(t *testing.T) {
		d := decide(pensionPA("2026-10-15", PensionAssess), PayHistory{}, duties(0), "2026-10", eligible)
		if d.Status != payroll.PensionEnrolled || len(d.Events) != 1 || d.Events[0].Kind != PensionEventEnrolled || d.Events[0].Date != "2026-10-15" || d.Events[0].Letter.Kind != LetterEnrolment {
			t.Fatalf("%+v", d)
		}
	})
	t.Run("no scheme named: not enrolled, so the run is blocked", func(t *testing.T) {
		s := duties(0)
		s.PensionSchemeName = ""
		if d := decide(pensionPA("2026-04-06", PensionAssess), PayHistory{}, s, "2026-10", eligible); d.Status != payroll.PensionNotEnrolled || len(d.Events) != 0 {
			t.Fatalf("%+v", d)
		}
	})
	t.Run("a non-eligible jobholder is told once of the right to opt in", func(t *testing.T) {
		pa := pensionPA("2026-04-06", PensionAssess)
		d := decide(pa, PayHistory{}, duties(0), "2026-10", nonEligible)
		if d.Status != payroll.PensionNotEnrolled || len(d.Events) != 1 || d.Events[0].Letter.Kind != LetterOptIn {
			t.Fatalf("%+v", d)
		}
		h := final(PayHistory{}, d, "2026-11-03")
		if again := decide(pa, h, duties(0), "2026-11", nonEligible); len(again.Events) != 0 {
			t.Fatalf("told twice: %+v", again)
		}
		if entitled := decide(pa, h, duties(0), "2026-11", payroll.EntitledWorker); len(entitled.Events) != 1 || entitled.Events[0].Letter.Kind != LetterJoin || entitled.Events[0].Letter.EmployerBP != 0 {
			t.Fatalf("an entitled worker: %+v", entitled)
		}
	})
	t.Run("postponed three months, opting in meanwhile", func(t *testing.T) {
		pa := pensionPA("2026-10-10", PensionAssess)
		d := decide(pa, PayHistory{}, duties(3), "2026-10", eligible)
		if d.Status != payroll.PensionPostponed || len(d.Events) != 1 || d.Events[0].Kind != PensionEventPostponed || d.Events[0].Date != "2027-01-10" {
			t.Fatalf("%+v", d)
		}
		h := final(PayHistory{}, d, "2026-11-03")
		if nov := decide(pa, h, duties(3), "2026-11", eligible); nov.Status != payroll.PensionPostponed || len(nov.Events) != 0 {
			t.Fatalf("November: %+v", nov)
		}
		if jan := decide(pa, h, duties(3), "2027-01", eligible); jan.Status != payroll.PensionEnrolled || kinds(jan.Events)[0] != "enrolled@2027-01-10" {
			t.Fatalf("at the deferral date: %+v", jan)
		}
		if jan := decide(pa, h, duties(3), "2027-01", nonEligible); jan.Status != payroll.PensionNotEnrolled || len(jan.Events) != 1 || jan.Events[0].Kind != PensionEventInformed {
			t.Fatalf("not eligible at the deferral date: %+v", jan)
		}
		optIn, err := h.PensionNotice(pa, Coop{}, duties(3), NoticeOptIn, PensionNoticeInput{Date: "2026-11-20"}, eligible, "pa1", time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
		if err != nil || optIn.Kind != PensionEventOptedIn || optIn.Date != "2026-12-01" || optIn.Letter.OptOutUntil != "2027-01-01" {
			t.Fatalf("opt-in while postponed: %+v %v", optIn, err)
		}
		h.PensionEvents = append(h.PensionEvents, optIn)
		if dec := decide(pa, h, duties(3), "2026-12", eligible); dec.Status != payroll.PensionEnrolled || len(dec.Events) != 0 {
			t.Fatalf("December, opted in: %+v", dec)
		}
	})
	t.Run("re-enrolment only of those who left more than 12 months before", func(t *testing.T) {
		s := duties(0)
		s.PensionDutiesStart, s.PensionReEnrolment = "2024-04-01", "2027-02-01"
		long := pensionPA("2025-06-02", PensionOptOut)
		if d := decide(long, PayHistory{}, s, "2027-02", eligible); d.Status != payroll.PensionEnrolled || kinds(d.Events)[0] != "re_enrolled@2027-02-01" {
			t.Fatalf("left 2025-06-02: %+v", d)
		}
		recent := pensionPA("2026-04-06", PensionOptOut)
		if d := decide(recent, PayHistory{}, s, "2027-02", eligible); d.Status != payroll.PensionOptedOut || len(d.Events) != 0 {
			t.Fatalf("left 2026-04-06: %+v", d)
		}
		if d := decide(long, PayHistory{}, s, "2027-01", eligible); d.Status != payroll.PensionOptedOut || len(d.Events) != 0 {
			t.Fatalf("before the re-enrolment date: %+v", d)
		}
	})
}

func TestOptOutWindow(t *testing.T) {
	pa := pensionPA("2026-04-06", PensionAssess)
	at := func(d string) time.Time { t, _ := time.Parse(DateLayout, d); return t.Add(10 * time.Hour) }
	d := decide(pa, PayHistory{}, duties(0), "2026-10", payroll.EligibleJobholder)
	notice := func(h PayHistory, kind, date string) error {
		_, err := h.PensionNotice(pa, Coop{}, duties(0), kind, PensionNoticeInput{Date: date}, payroll.EligibleJobholder, "admin", at("2027-01-31"))
		return err
	}
	unissued := PayHistory{PensionEvents: d.Events}
	if err := notice(unissued, NoticeOptOut, "2026-11-01"); !IsCode(err, CodePensionNotInformed) {
		t.Fatalf("before the letter: %v", err)
	}
	h := final(PayHistory{}, d, "2026-11-03") // enrolled 1 October, told 3 November: until 3 December
	for date, code := range map[string]string{"2026-12-03": "", "2026-12-04": CodePensionOptOutClosed} {
		if err := notice(h, NoticeOptOut, date); code == "" && err != nil || code != "" && !IsCode(err, code) {
			t.Fatalf("opt-out on %s: %v", date, err)
		}
	}
	if err := notice(h, NoticeCease, "2026-12-04"); err != nil {
		t.Fatalf("ceasing: %v", err)
	}
	if err := notice(h, NoticeOptOut, "2027-02-01"); err == nil {
		t.Fatal("a notice dated in the future was accepted")
	}
}

func TestReEnrolmentWindow(t *testing.T) {
	for date, ok := range map[Date]bool{"2027-01-01": true, "2027-07-01": true, "2026-12-31": false, "2027-07-02": false, "2030-04-01": true, "2028-04-01": false} {
		if got := reEnrolmentWindow("2024-04-01", date); got != ok {
			t.Errorf("%s: %v, want %v", date, got, ok)
		}
	}
}
