package payslips

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// pages counts the page objects of a PDF written by fpdf.
func pages(pdf []byte) int { return bytes.Count(pdf, []byte("<</Type /Page\n")) }

func TestPDFShapeAndDeterminism(t *testing.T) {
	for _, r := range run(t) {
		t.Run(r.Employee.ID, func(t *testing.T) {
			first, err := PDF(employer(), r.Employee, r.Slip)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(first, []byte("%PDF-")) {
				t.Errorf("does not start with %%PDF-: %q", first[:min(len(first), 10)])
			}
			if !bytes.HasSuffix(bytes.TrimRight(first, "\r\n"), []byte("%%EOF")) {
				t.Errorf("does not end with %%%%EOF")
			}
			if n := pages(first); n != 1 {
				t.Errorf("%d pages, want 1", n)
			}
			for _, want := range []string{"/CreationDate (D:20260528000000)", "/Producer (dpcoop payslips)"} {
				if !bytes.Contains(first, []byte(want)) {
					t.Errorf("no %s in the document information", want)
				}
			}
			second, err := PDF(employer(), r.Employee, r.Slip)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, second) {
				t.Error("two renders of the same payslip differ")
			}
		})
	}
}

// Renders running at once share only the font coverage table; each gives
// the same bytes as a render on its own.
func TestPDFConcurrent(t *testing.T) {
	r := sian(t)
	want, err := PDF(employer(), r.Employee, r.Slip)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := PDF(employer(), r.Employee, r.Slip)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("concurrent render differs (err %v)", err)
			}
		})
	}
	wg.Wait()
}

func TestPDFLanguageSetsDocumentLanguage(t *testing.T) {
	for _, c := range []struct {
		r    Row
		lang string
	}{{sian(t), "/Lang (cy)"}, {dafydd(t), "/Lang (en-GB)"}} {
		b, err := PDF(employer(), c.r.Employee, c.r.Slip)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(c.lang)) {
			t.Errorf("%s: no %s", c.r.Employee.ID, c.lang)
		}
	}
}

// A month with many pay lines flows onto a second page rather than
// running off the first.
func TestPDFLongSlipBreaksPages(t *testing.T) {
	r := sian(t)
	in := payroll.Input{
		Frequency: payroll.Monthly, DateOfBirth: date(1988, 7, 14),
		TaxCode: mustCode(t, "1257L"), NICategory: payroll.CategoryA,
		Pension: &scheme, PensionStatus: payroll.PensionEnrolled, Holiday: payroll.HolidayAccrued,
	}
	for i := range 30 {
		in.Lines = append(in.Lines, payroll.PayLine{Kind: payroll.ShiftStandard, Minutes: 6 * 60, Rate: 1345 + int64(i)})
	}
	r.Slip = monthTwo(t, in)
	b, err := PDF(employer(), r.Employee, r.Slip)
	if err != nil {
		t.Fatal(err)
	}
	if n := pages(b); n != 2 {
		t.Errorf("%d pages, want 2", n)
	}
}

func TestPDFRefusesInconsistentInput(t *testing.T) {
	cases := map[string]func(*Row){
		"no ID":                     func(r *Row) { r.Employee.ID = "" },
		"no name":                   func(r *Row) { r.Employee.Name = " " },
		"bad tax code":              func(r *Row) { r.Employee.TaxCode = "1257Q" },
		"bad NI category":           func(r *Row) { r.Employee.NICategory = "AA" },
		"bad month":                 func(r *Row) { r.Slip.Month = "May 2026" },
		"no pay date":               func(r *Row) { r.Slip.PayDate = time.Time{} },
		"period not the pay date's": func(r *Row) { r.Slip.Result.Period = 3 },
		"line pay changed":          func(r *Row) { r.Slip.Lines[0].PayPence++ },
		"mileage changed":           func(r *Row) { r.Slip.MileageTenths++ },
		"net pay changed":           func(r *Row) { r.Slip.Result.NetPay-- },
		"gross changed":             func(r *Row) { r.Slip.Result.Gross++ },
		"unknown line kind":         func(r *Row) { r.Slip.Lines[0].Kind = 9 },
		"pension but not enrolled":  func(r *Row) { r.Employee.PensionStatus = payroll.PensionOptedOut },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			r := sian(t)
			change(&r)
			if _, err := PDF(employer(), r.Employee, r.Slip); err == nil {
				t.Error("no error")
			} else if strings.Contains(err.Error(), r.Employee.Name) && r.Employee.Name != "" && r.Employee.Name != " " {
				t.Errorf("the error names the PA: %v", err)
			}
		})
	}
	r := sian(t)
	er := employer()
	er.Pension = nil
	if _, err := PDF(er, r.Employee, r.Slip); err == nil {
		t.Error("contributions without a scheme: no error")
	}
}

func BenchmarkPDF(b *testing.B) {
	r := sian(b)
	er := employer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PDF(er, r.Employee, r.Slip); err != nil {
			b.Fatal(err)
		}
	}
}
