package payslips

import (
	"os"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func TestZZDump(t *testing.T) {
	rows := run(t)
	b, _ := FPS(employer(), "2026-05", date(2026, 5, 28), rows)
	os.WriteFile("/tmp/payslips/fps.json", b, 0o644)
	os.WriteFile("/tmp/payslips/journal.csv", Journal(employer(), rows, dpcoop.Welsh), 0o644)
	p, _ := PensionSchedule(employer(), rows, dpcoop.English)
	os.WriteFile("/tmp/payslips/pension.csv", p, 0o644)
	bk, _ := BankPayments(rows, dpcoop.English)
	os.WriteFile("/tmp/payslips/bank.csv", bk, 0o644)
}
